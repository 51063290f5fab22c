/**
 * What the Taiga instance says about itself: the languages it speaks (`/locales`) and its public
 * figures (`/stats/discover`). Both are read without signing in.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { http } from "./http";
import { keys } from "./keys";
import type { DiscoverStats, Locale } from "./types";

/** `GET /locales`. */
export function listLocales(signal?: AbortSignal): Promise<Locale[]> {
  return http.get<Locale[]>("/locales", { signal, auth: false });
}

/** `GET /stats/discover`. */
export function getDiscoverStats(signal?: AbortSignal): Promise<DiscoverStats> {
  return http.get<DiscoverStats>("/stats/discover", { signal, auth: false });
}

export const localesQueryOptions = () => queryOptions({ queryKey: keys.instance.locales(), queryFn: ({ signal }) => listLocales(signal), staleTime: Infinity });

export const discoverStatsQueryOptions = () => queryOptions({ queryKey: keys.instance.discoverStats(), queryFn: ({ signal }) => getDiscoverStats(signal) });

export function useLocales() {
  return useQuery(localesQueryOptions());
}

export function useDiscoverStats() {
  return useQuery(discoverStatsQueryOptions());
}
