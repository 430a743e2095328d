import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** A detail page's object, or the 404 page: for unknown, malformed and other accounts' ids alike. */
export async function foundOr404<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}
