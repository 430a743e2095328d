// Four projects: "unit" (pure modules, their tests next to the code, no database), "integration"
// (a real PostgreSQL started once per run by tests/setup/global-db.ts; every test file brings its
// own accounts and unique data, so files run in parallel against the one database), and
// "validation" and "api", each with a server of its own on the run's production build (built once
// and shared with Playwright: tests/harness/build.ts). Files run side by side.
//
// Written as CommonJS without `import`/`__dirname`: package.json has no "type": "module", and Vite 8
// warns about ESM syntax in a config it loads as CommonJS. `require` here resolves from this file;
// the IIFE keeps `root` out of TypeScript's global scope (a file without imports is a script).
module.exports = ((): import("vitest/config").ViteUserConfig => {
  const root = require.resolve("./package.json").replace(/package\.json$/, "");
  return {
    resolve: {
      alias: [
        { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
        { find: /^@\//, replacement: root },
      ],
    },
    test: {
      // Integration files wait on PostgreSQL and child processes far more than on the CPU, so more
      // workers than cores pays off. One value for the first three lets them run side by side.
      maxWorkers: 4,
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            include: ["lib/**/*.test.ts", "components/**/*.test.ts"],
            environment: "node",
            testTimeout: 20_000, // scrypt on a busy machine
            env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
          },
        },
        {
          extends: true,
          test: {
            name: "integration",
            include: ["tests/integration/**/*.test.ts"],
            environment: "node",
            globalSetup: ["tests/setup/global-db.ts"],
            setupFiles: ["tests/setup/integration-env.ts"],
            // Generous: a test slower than this on a loaded machine is still a correct test.
            testTimeout: 60_000,
            hookTimeout: 60_000,
            env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
          },
        },
        {
          extends: true,
          test: {
            // The REST API against the production build: one server with its own embedded
            // PostgreSQL (tests/api/global-setup.ts), API tokens made with the real CLI. Files run
            // side by side on the one server: a file that checks a whole account (the malformed
            // corpus: its rows unchanged; the signing-key schedule) does so on an account of its
            // own. Two at a time, in a group after the others: the rest share one account, whose
            // row every service-token create locks, and on a loaded machine more writers at once
            // make transactions outwait Prisma's limits (a 500 the tests rightly fail on).
            name: "api",
            include: ["tests/api/**/*.test.ts"],
            environment: "node",
            globalSetup: ["tests/api/global-setup.ts"],
            maxWorkers: 2,
            sequence: { groupOrder: 1 },
            testTimeout: 60_000,
            hookTimeout: 300_000,
            env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
          },
        },
        {
          extends: true,
          test: {
            // The validation endpoint against the production build: one shared server
            // (tests/validation/global-setup.ts) for most files, nginx in front of it for the
            // forward-auth file, and servers of their own for the multi-instance files.
            name: "validation",
            include: ["tests/validation/**/*.test.ts"],
            environment: "node",
            globalSetup: ["tests/validation/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 300_000,
            env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent" },
          },
        },
      ],
    },
  };
})();
