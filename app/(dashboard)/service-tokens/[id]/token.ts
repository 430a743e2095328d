import "server-only";
import { getServiceToken } from "@/lib/service-tokens/service";
import { detailLookup } from "../../detail-lookup";

/** The token of a token page, for its layout and the page. */
export const tokenOfPage = detailLookup(getServiceToken);
