import pg from "pg";

/** Runs `fn` with a plain pg client on `url` (for reading what the app wrote, bypassing it). */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
