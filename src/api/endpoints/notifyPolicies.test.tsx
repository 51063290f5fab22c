import { recordedServer, resourceEndpointTests } from "../../test/recorded";
import { keys } from "../keys";
import { notifyPolicies } from "../notifyPolicies";

const server = recordedServer();

resourceEndpointTests("notify policies", server, notifyPolicies, {
  "GET /notify-policies": "further/059",
  "GET /notify-policies/{id}": "further/060",
  "PATCH /notify-policies/{id}": "further/061",
}, {
  project: 1,
  // A policy change touches the user's policies and the project (its notify_level), not another project.
  stale: (project) => [keys.notifyPolicies.listAll(), keys.projects.detail(project)],
  untouched: (project) => [keys.projects.detail(project + 1)],
});
