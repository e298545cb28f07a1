import type { Credentials } from '../api/chat-api';

// The user name (AUTH_MODE=none) is kept across visits; a token or API key only for this tab's
// session (sessionStorage), never in localStorage.
const USER_KEY = 'chat:user';
const TOKEN_KEY = 'chat:token';

export function savedCredentials(): Credentials | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) return { kind: 'token', token };
  const userId = localStorage.getItem(USER_KEY);
  return userId ? { kind: 'user', userId } : null;
}

export function saveCredentials(credentials: Credentials): void {
  if (credentials.kind === 'token') sessionStorage.setItem(TOKEN_KEY, credentials.token);
  else localStorage.setItem(USER_KEY, credentials.userId);
}

export function forgetCredentials(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
}
