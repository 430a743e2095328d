import "server-only";
import { getApp } from "@/lib/access/apps";
import { detailLookup } from "../../detail-lookup";

/** The application of an application page, for its layout and the page. */
export const appOfPage = detailLookup(getApp);
