/**
 * Feedback to the Taiga instance's operators (`POST /feedback {comment}`), sent by e-mail with the
 * user's name and address. Where the instance cannot send mail it answers an error, which the hook
 * surfaces.
 */
import { useMutation } from "@tanstack/react-query";
import { http } from "./http";

export interface FeedbackEntry {
  comment: string;
  full_name: string;
  email: string;
}

/** `POST /feedback` `{comment}`: answers the stored entry. */
export function sendFeedback(comment: string): Promise<FeedbackEntry> {
  return http.post<FeedbackEntry>("/feedback", { comment });
}

/** Send feedback. Nothing cached changes. */
export function useSendFeedback() {
  return useMutation({ mutationFn: sendFeedback });
}
