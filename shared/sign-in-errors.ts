/**
 * What a failed sign-in tells the browser. next-auth hands the message of an Error thrown in
 * authorize() to the client as `result.error`, so the message is a short code that the sign-in form
 * turns into a sentence in the user's language; nothing else (no database text) ever goes there.
 */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

const RATE_LIMITED = /^TooManyAttempts:(\d{1,5})$/;

export const rateLimitedCode = (retryAfterMinutes: number) => `TooManyAttempts:${Math.max(1, Math.ceil(retryAfterMinutes))}`;

/** The minutes to wait when `error` is a rate-limit code, else null. */
export function rateLimitedMinutes(error: string | null | undefined): number | null {
  const match = error ? RATE_LIMITED.exec(error) : null;
  return match ? Number(match[1]) : null;
}
