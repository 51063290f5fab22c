import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import {
  deleteAttachment,
  getAttachment,
  listAttachments,
  patchAttachment,
  uploadAttachment,
  useAttachment,
  useAttachments,
  useDeleteAttachment,
  usePatchAttachment,
  useUploadAttachment,
} from "../attachments";
import { ApiError } from "../http";
import { keys } from "../keys";
import type { Attachment } from "../types";

const server = recordedServer();

/** The attachments come back in their own order (`order`, then id). */
const inOrder = (rows: unknown) => [...(rows as Attachment[])].sort((a, b) => a.order - b.order || a.id - b.id);
/** A 70-byte PNG named as the recorded upload was. */
const pixel = () => new File([new Uint8Array(70)], "pixel.png", { type: "image/png" });
/** An attachment change on wiki page 1 leaves its list and the page's history stale, not another page's. */
const stale = [keys.attachments.list("wiki", 1), keys.history.list("wiki", 1, "all")];
const untouched = [keys.attachments.list("wiki", 2), keys.attachments.list("userstories", 1)];

endpointTests("attachments", server, {
  "GET /userstories/attachments": {
    recording: "misc/005",
    call: () => listAttachments("userstories", 1, 1),
    result: inOrder,
    read: { useHook: () => useAttachments("userstories", 1, 1), key: keys.attachments.list("userstories", 1) },
  },
  "GET /wiki/attachments": {
    recording: "wiki/030",
    call: () => listAttachments("wiki", 1, 1),
    result: inOrder,
    read: { useHook: () => useAttachments("wiki", 1, 1), key: keys.attachments.list("wiki", 1) },
  },
  "POST /wiki/attachments": {
    recording: "wiki/031",
    call: () => uploadAttachment("wiki", 1, 1, pixel()),
    mutation: { useHook: () => useUploadAttachment("wiki", 1, 1), variables: pixel(), invalidates: stale, untouched },
  },
  "GET /wiki/attachments/{id}": {
    recording: "wiki/033",
    call: () => getAttachment("wiki", 904),
    read: { useHook: () => useAttachment("wiki", 904), key: keys.attachments.detail("wiki", 904) },
  },
  "PATCH /wiki/attachments/{id}": {
    recording: "wiki/034",
    call: () => patchAttachment("wiki", 904, { description: "A pixel", is_deprecated: false }),
    mutation: {
      useHook: () => usePatchAttachment("wiki", 1),
      variables: { id: 904, changes: { description: "A pixel", is_deprecated: false } },
      stores: [keys.attachments.detail("wiki", 904)],
      invalidates: stale,
      untouched,
    },
  },
  "DELETE /wiki/attachments/{id}": {
    recording: "wiki/036",
    call: () => deleteAttachment("wiki", 904),
    mutation: { useHook: () => useDeleteAttachment("wiki", 1), variables: 904, removes: [keys.attachments.detail("wiki", 904)], invalidates: stale, untouched },
  },
});

describe("attachments: Taiga's refusals", () => {
  it("an upload without a file names the missing fields", async () => {
    const rec = recording("wiki/032");
    server.serve(rec);
    signInFor(rec);
    const form = new FormData();
    form.append("project", "1");
    const { http } = await import("../http");
    const error = (await http.post("/wiki/attachments", form).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldError("attached_file")).toBe("This field is required.");
  });
});
