import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { SORT_COLUMNS, type SortColumn } from "../../lib/service-tokens/schemas";
import {
  createServiceToken,
  deleteServiceToken,
  listServiceTokens,
  type ServiceTokenView,
} from "../../lib/service-tokens/service";
import { expectAppError, HOUR_MS, newTenant, storedTokenCount } from "../helpers/fixtures";

// The dashboard's table and the API's list: pagination, totals, sorting, search and filters.

async function createNamed(actor: Actor, names: string[]): Promise<ServiceTokenView[]> {
  const out: ServiceTokenView[] = [];
  for (const name of names) out.push((await createServiceToken(actor, { name })).token);
  return out;
}

async function listAll(actor: Actor, input: Parameters<typeof listServiceTokens>[1] = {}) {
  return listServiceTokens(actor, { perPage: 1000, ...input });
}

const names = (items: { name: string }[]) => items.map((t) => t.name).sort();

describe("pagination", () => {
  it("splits the tokens over pages with the right total, and answers [] past the end", async () => {
    const { admin } = await newTenant();
    const made = await createNamed(admin, ["p1", "p2", "p3", "p4", "p5"]);

    const pages = await Promise.all([1, 2, 3, 4].map((page) => listServiceTokens(admin, { page, perPage: 2 })));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    for (const p of pages) {
      expect(p.total).toBe(5);
      expect(p.perPage).toBe(2);
    }
    const seen = pages.flatMap((p) => p.items.map((t) => t.id));
    expect(new Set(seen).size).toBe(5);
    expect(new Set(seen)).toEqual(new Set(made.map((t) => t.id)));

    const far = await listServiceTokens(admin, { page: 1000, perPage: 50 });
    expect(far.items).toEqual([]);
    expect(far.total).toBe(5);
  });

  it("defaults to page 1 of 50, newest first", async () => {
    const { admin } = await newTenant();
    const made = await createNamed(admin, ["first", "second", "third"]);
    await getDb().serviceToken.update({ where: { id: made[0].id }, data: { createdAt: new Date(Date.now() - 3 * HOUR_MS) } });
    await getDb().serviceToken.update({ where: { id: made[1].id }, data: { createdAt: new Date(Date.now() - 2 * HOUR_MS) } });
    const list = await listServiceTokens(admin);
    expect(list.page).toBe(1);
    expect(list.perPage).toBe(50);
    expect(list.items.map((t) => t.name)).toEqual(["third", "second", "first"]);
  });

  it("accepts page and per_page as strings, as they come from a query string", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["s1", "s2", "s3"]);
    const list = await listServiceTokens(admin, { page: "2" as never, perPage: "2" as never });
    expect(list.items).toHaveLength(1);
    expect(list.page).toBe(2);
  });

  it("keeps the account's total right after creates and deletes", async () => {
    const { admin } = await newTenant();
    const made = await createNamed(admin, ["c1", "c2", "c3", "c4"]);
    expect((await listServiceTokens(admin)).total).toBe(4);
    await deleteServiceToken(admin, made[0].id);
    await deleteServiceToken(admin, made[2].id);
    expect((await listServiceTokens(admin)).total).toBe(2);
    await createNamed(admin, ["c5"]);
    const list = await listServiceTokens(admin);
    expect(list.total).toBe(3);
    expect(list.items).toHaveLength(3);
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 3, actual: 3 });
  });

  it.each([
    [{ page: 0 }, "page"],
    [{ page: -1 }, "page"],
    [{ page: 1.5 }, "page"],
    [{ perPage: 0 }, "perPage"],
    [{ perPage: 1001 }, "perPage"],
    [{ sort: "secretHash" }, "sort"],
    [{ order: "sideways" }, "order"],
    [{ search: "s".repeat(256) }, "search"],
  ])("refuses %j as invalid_request naming %s", async (input, field) => {
    const { admin } = await newTenant();
    await expectAppError(listServiceTokens(admin, input as never), "invalid_request", field);
  });
});

describe("sorting", () => {
  async function sortFixture() {
    const { admin } = await newTenant();
    const made = await createNamed(admin, ["delta", "alpha", "charlie", "bravo", "echo"]);
    const base = Date.now();
    const db = getDb();
    // Distinct values in every sortable column, in orders that differ from one column to the next.
    const shape: { createdAt: number; expiresAt: number | null; lastSeenAt: number | null }[] = [
      { createdAt: -5, expiresAt: 30, lastSeenAt: -1 },
      { createdAt: -1, expiresAt: 10, lastSeenAt: null },
      { createdAt: -3, expiresAt: null, lastSeenAt: -4 },
      { createdAt: -2, expiresAt: 50, lastSeenAt: -2 },
      { createdAt: -4, expiresAt: 20, lastSeenAt: null },
    ];
    await Promise.all(
      made.map((t, i) =>
        db.serviceToken.update({
          where: { id: t.id },
          data: {
            createdAt: new Date(base + shape[i].createdAt * HOUR_MS),
            expiresAt: shape[i].expiresAt === null ? null : new Date(base + shape[i].expiresAt! * HOUR_MS),
            lastSeenAt: shape[i].lastSeenAt === null ? null : new Date(base + shape[i].lastSeenAt! * HOUR_MS),
          },
        }),
      ),
    );
    const stored = await db.serviceToken.findMany({ where: { accountId: admin.accountId } });
    return { admin, stored };
  }

  type Row = Awaited<ReturnType<typeof sortFixture>>["stored"][number];

  // One account for all the sort tests: they only read it.
  let fixture: ReturnType<typeof sortFixture> | undefined;
  const sharedSortFixture = () => (fixture ??= sortFixture());

  /**
   * The order the table promises, then by id. A non-expiring token (expires_at null) sorts as the
   * latest expiry (last ascending, first descending); a never-seen token (last_seen_at null) is
   * last in both directions, so "most recently seen" starts with tokens that were seen.
   */
  function expected(rows: Row[], column: SortColumn, order: "asc" | "desc"): string[] {
    const key = (r: Row): string | number | null => {
      const v = r[column];
      if (v === null && column === "expiresAt") return Number.POSITIVE_INFINITY;
      return v instanceof Date ? v.getTime() : (v as string | null);
    };
    const dir = order === "asc" ? 1 : -1;
    return [...rows]
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        if (ka === null || kb === null) {
          if (ka === kb) return dir * a.id.localeCompare(b.id);
          return ka === null ? 1 : -1;
        }
        if (ka !== kb) return dir * (ka < kb ? -1 : 1);
        return dir * a.id.localeCompare(b.id);
      })
      .map((r) => r.id);
  }

  for (const column of SORT_COLUMNS) {
    for (const order of ["asc", "desc"] as const) {
      it(`sorts by ${column} ${order}`, async () => {
        const { admin, stored } = await sharedSortFixture();
        const list = await listServiceTokens(admin, { sort: column, order });
        expect(list.items.map((t) => t.id)).toEqual(expected(stored, column, order));

        // Paging through a sorted list gives the same order.
        const paged = [];
        for (let page = 1; page <= 3; page++) {
          paged.push(...(await listServiceTokens(admin, { sort: column, order, page, perPage: 2 })).items.map((t) => t.id));
        }
        expect(paged).toEqual(expected(stored, column, order));
      });
    }
  }
});

describe("search and name filter", () => {
  it("finds a name by a case-insensitive substring", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["Build-Runner-EU", "build-runner-us", "Deploy Bot"]);
    const list = await listAll(admin, { search: "RUNNER" });
    expect(names(list.items)).toEqual(["Build-Runner-EU", "build-runner-us"]);
    expect(list.total).toBe(2);
    expect(names((await listAll(admin, { search: "  bot " })).items)).toEqual(["Deploy Bot"]);
  });

  it("finds a token by a case-insensitive substring of its client id", async () => {
    const { admin } = await newTenant();
    const made = await createNamed(admin, ["one", "two", "three"]);
    const target = made[1];
    const fragment = target.clientId.slice(5, 17).toUpperCase();
    const list = await listAll(admin, { search: fragment });
    expect(list.items.map((t) => t.id)).toEqual([target.id]);
    expect(list.total).toBe(1);
  });

  it("treats % and _ (and \\) in a search as literal characters", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["100% done", "100 percent", "a_b", "axb", "back\\slash", "backslash"]);
    expect(names((await listAll(admin, { search: "%" })).items)).toEqual(["100% done"]);
    expect(names((await listAll(admin, { search: "0%" })).items)).toEqual(["100% done"]);
    expect(names((await listAll(admin, { search: "a_b" })).items)).toEqual(["a_b"]);
    expect(names((await listAll(admin, { search: "_" })).items)).toEqual(["a_b"]);
    expect(names((await listAll(admin, { search: "k\\s" })).items)).toEqual(["back\\slash"]);
    const percent = await listAll(admin, { search: "%" });
    expect(percent.total).toBe(1);
  });

  it("filters by exact name, case-sensitively, with a filtered total", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["deploy", "deploy", "Deploy", "deploy-2", "redeploy"]);
    const list = await listAll(admin, { name: "deploy" });
    expect(list.items.map((t) => t.name)).toEqual(["deploy", "deploy"]);
    expect(list.total).toBe(2);
    expect((await listAll(admin, { name: "nothing" })).items).toEqual([]);
    expect((await listAll(admin, { name: "nothing" })).total).toBe(0);
  });

  it("combines name and search, and paginates a filtered list with a filtered total", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["job a", "job b", "job c", "other"]);
    const page = await listServiceTokens(admin, { search: "job", perPage: 2, page: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect((await listAll(admin, { search: "job", name: "job b" })).items.map((t) => t.name)).toEqual(["job b"]);
  });

  it("ignores an empty or blank search", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["x1", "x2"]);
    expect((await listAll(admin, { search: "" })).total).toBe(2);
    expect((await listAll(admin, { search: "   " })).items).toHaveLength(2);
  });

  it("never returns a secret digest in list items", async () => {
    const { admin } = await newTenant();
    await createNamed(admin, ["digestless"]);
    const [item] = (await listAll(admin)).items;
    expect(Object.keys(item).sort()).toEqual(
      [
        "clientId",
        "clientSecretVersion",
        "createdAt",
        "duration",
        "enabled",
        "expiresAt",
        "id",
        "lastSeenAt",
        "name",
        "previousSecretExpiresAt",
        "previousSecretLastSeenAt",
        "previousSecretLastSeenIp",
        "updatedAt",
      ].sort(),
    );
  });
});
