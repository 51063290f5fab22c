import { endpointTests, recordedServer } from "../../test/recorded";
import { getDiscoverStats, listLocales, useDiscoverStats, useLocales } from "../instance";
import { keys } from "../keys";

const server = recordedServer();

endpointTests("the instance", server, {
  "GET /locales": {
    recording: "further/066",
    call: () => listLocales(),
    read: { useHook: () => useLocales(), key: keys.instance.locales() },
  },
  "GET /stats/discover": {
    recording: "further/067",
    call: () => getDiscoverStats(),
    read: { useHook: () => useDiscoverStats(), key: keys.instance.discoverStats() },
  },
});
