import { spawn } from "node:child_process";

// Child processes for the tests that must see what a user sees: exit code, stdout, stderr.

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runChild(command: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 200_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The test process's environment without what the test runner adds, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("VITEST") || key === "LOG_LEVEL" || key === "DATABASE_URL" || key === "NODE_OPTIONS") delete env[key];
  }
  return { ...env, ...extra };
}
