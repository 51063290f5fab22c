/**
 * The network guard: during a spec, every answer from the API is watched. Any 5xx, and any 4xx the
 * spec did not announce with `guard.allow(...)`, fails the spec with the request's method, URL and
 * body and the server's answer. The embedded server and a real Taiga are held to the same rule, so
 * a request only one of them accepts is caught on whichever backend runs.
 */
import type { BrowserContext, Request, Response } from "@playwright/test";

export interface AllowedError {
  status: number;
  /** Matched against the request's method and path, e.g. "PATCH /userstories/12" or /\/auth$/. */
  match?: RegExp | string;
  /** Matched against the answer's body, e.g. /"version"/ for an OCC rejection. */
  answer?: RegExp;
}

export interface BadAnswer {
  method: string;
  url: string;
  status: number;
  requestBody: string | null;
  responseBody: string;
}

export class NetworkGuard {
  private readonly allowed: AllowedError[] = [];
  private readonly bad: Promise<BadAnswer | null>[] = [];
  private readonly watched = new WeakSet<BrowserContext>();

  constructor(private readonly apiBase: string) {}

  /** Watches every page of `context` (the default one is watched by the fixture; add any other). */
  watch(context: BrowserContext): void {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    context.on("response", (response) => {
      if (response.status() < 400 || !response.url().startsWith(this.apiBase)) return;
      this.bad.push(this.describe(response));
    });
  }

  /**
   * Announces an error answer the spec provokes on purpose (a wrong password, a refused drop, a
   * stale version, a forbidden page). `match` narrows it to requests whose "METHOD /path" matches.
   */
  allow(status: number, match?: RegExp | string, answer?: RegExp): void {
    this.allowed.push({ status, match, answer });
  }

  /** Announces Taiga's OCC rejection (400 with a `version` error) of an item edit. */
  allowConflicts(): void {
    this.allow(400, /^(PATCH|PUT) /, /"version"/);
  }

  /** The unexpected answers seen so far, one line each with the request and the answer. */
  async unexpected(): Promise<BadAnswer[]> {
    const answers = (await Promise.all(this.bad)).filter((a): a is BadAnswer => a !== null);
    return answers.filter((a) => a.status >= 500 || !this.isAllowed(a));
  }

  static format(answers: BadAnswer[]): string {
    return answers
      .map((a) => `${a.method} ${a.url} -> ${a.status}\n  request body: ${a.requestBody ?? "(none)"}\n  answer: ${a.responseBody}`)
      .join("\n");
  }

  private isAllowed(answer: BadAnswer): boolean {
    const line = `${answer.method} ${this.pathOf(answer.url)}`;
    return this.allowed.some(
      (rule) =>
        rule.status === answer.status &&
        (rule.match === undefined || (typeof rule.match === "string" ? line.includes(rule.match) : rule.match.test(line))) &&
        (rule.answer === undefined || rule.answer.test(answer.responseBody)),
    );
  }

  private pathOf(url: string): string {
    return url.slice(this.apiBase.length) || "/";
  }

  private async describe(response: Response): Promise<BadAnswer | null> {
    const request: Request = response.request();
    // A CORS preflight answered with an error would surface as a failed fetch, not here.
    if (request.method() === "OPTIONS") return null;
    let responseBody: string;
    try {
      responseBody = (await response.text()).slice(0, 600);
    } catch {
      responseBody = "(body not available)";
    }
    if (/^\s*<!DOCTYPE|^\s*<html/i.test(responseBody)) {
      const title = /<title>([^<]*)<\/title>/i.exec(responseBody)?.[1]?.trim();
      responseBody = `HTML page${title ? `: ${title}` : ""}`;
    }
    return {
      method: request.method(),
      url: response.url(),
      status: response.status(),
      requestBody: request.postData()?.slice(0, 600) ?? null,
      responseBody,
    };
  }
}
