/** The open conversation lives in the address (`/c/<id>`), so a reload or a link reopens it. */
export function conversationIdFromLocation(): string | null {
  const match = /^\/c\/([^/]+)\/?$/.exec(window.location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function showConversationInLocation(id: string | null): void {
  const path = id ? `/c/${encodeURIComponent(id)}` : '/';
  if (window.location.pathname !== path) window.history.pushState(null, '', path);
}
