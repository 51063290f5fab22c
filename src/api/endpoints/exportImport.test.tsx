import { endpointTests, recording, recordedServer } from "../../test/recorded";
import { exportProject, importProject, useExportProject, useImportProject } from "../exportImport";
import { keys } from "../keys";

const server = recordedServer();

/** A file as the recorded dump was sent (its content does not travel in the recording). */
const dump = () => {
  const size = Number(/(\d+) bytes/.exec(String((recording("further/065").request.body as { dump: string }).dump))![1]);
  return new File([new Uint8Array(size)], "project-6.json", { type: "application/json" });
};
const projectId = () => Number(recording("further/064").request.path.split("/").pop());

endpointTests("export and import", server, {
  "GET /exporter/{id}": {
    recording: "further/064",
    call: () => exportProject(projectId()),
    mutation: { useHook: () => useExportProject(), variables: projectId(), invalidates: [], untouched: [keys.projects.list({})] },
  },
  "POST /importer/load_dump": {
    recording: "further/065",
    call: () => importProject(dump()),
    mutation: { useHook: () => useImportProject(), variables: dump(), invalidates: [keys.projects.list({}), keys.projects.list({ member: 5 })], untouched: [keys.projects.detail(6)] },
  },
});
