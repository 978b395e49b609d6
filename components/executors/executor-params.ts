/** `?show=all` includes stopped instances; anything else shows the live ones. Read by the server page and the list alike. */
export const showFromParams = (params: { get(name: string): string | null }) => (params.get("show") === "all" ? "all" : "live");
