import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { sendFeedback, useSendFeedback } from "../feedback";
import { ApiError } from "../http";
import { keys } from "../keys";

const server = recordedServer();

const COMMENT = "Recorded feedback from the dashboard's client tests.";

endpointTests("feedback", server, {
  // On the recorded instance Taiga fails to render the e-mail (an HTML 500); the client surfaces it.
  "POST /feedback": {
    recording: "further/062",
    call: () => sendFeedback(COMMENT),
    mutation: { useHook: () => useSendFeedback(), variables: COMMENT, invalidates: [], untouched: [keys.auth.me()] },
  },
});

describe("feedback: refusals", () => {
  it("the instance's failure reads as a server failure, not as the HTML page", async () => {
    const rec = recording("further/062");
    server.serve(rec);
    signInFor(rec);
    const error = (await sendFeedback(COMMENT).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(500);
    expect(error.message).toBe("The server failed to answer (500).");
  });

  it("an empty comment is refused on that field", async () => {
    const rec = recording("further/063");
    server.serve(rec);
    signInFor(rec);
    const error = (await sendFeedback(undefined as unknown as string).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldError("comment")).toBe("This field is required.");
  });
});
