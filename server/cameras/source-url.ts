import "server-only";

/** A source URL without credentials, and the credentials that were embedded in it (if any). */
export interface SplitUrl {
  uri: string;
  username: string | null;
  password: string | null;
}

/** Moves `user:pass@` out of a URL. Credentials are stored in their own fields, never in the URI. */
export function splitCredentials(uri: string): SplitUrl {
  const url = new URL(uri);
  const username = url.username ? decode(url.username) : null;
  const password = url.password ? decode(url.password) : null;
  url.username = "";
  url.password = "";
  return { uri: url.toString(), username, password };
}

/** The URL ffmpeg is given. It exists only in the child's arguments: never log it or put it in a message. */
export function withCredentials(uri: string, username: string | null, password: string | null): string {
  const url = new URL(uri);
  if (username !== null) url.username = username;
  if (password !== null) url.password = password;
  return url.toString();
}

/** A URL fit for messages and logs; rows written before validation existed might still carry credentials. */
export function displayUrl(uri: string): string {
  try {
    return splitCredentials(uri).uri;
  } catch {
    return uri.replace(/\/\/[^/@\s]*@/, "//");
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" that is not an escape: the user meant it literally
  }
}
