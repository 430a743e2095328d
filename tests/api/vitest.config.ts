// The "api" project on its own: `npx vitest run --config tests/api/vitest.config.ts`. The same
// settings belong in the root vitest.config.ts as a third project (see vitest-project.md).
// CommonJS like the root config (package.json has no "type": "module").
module.exports = ((): import("vitest/config").ViteUserConfig => {
  const root = require.resolve("../../package.json").replace(/package\.json$/, "");
  return {
    root,
    resolve: {
      alias: [
        { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
        { find: /^@\//, replacement: root },
      ],
    },
    test: {
      name: "api",
      include: ["tests/api/**/*.test.ts"],
      environment: "node",
      globalSetup: ["tests/api/global-setup.ts"],
      // One server and one database for the project; files one at a time (see global-setup.ts).
      maxWorkers: 1,
      testTimeout: 60_000,
      hookTimeout: 240_000,
      env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
    },
  };
})();
