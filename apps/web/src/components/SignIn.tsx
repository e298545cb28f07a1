import { useState, type FormEvent } from 'react';
import type { AuthMode, Credentials } from '../api/chat-api';

/** AUTH_MODE=none: a user name (sent as X-User-Id). jwt: a token or API key (this tab only). */
export function SignIn({
  mode,
  problem,
  onSignIn,
}: {
  mode: AuthMode;
  problem: string | null;
  onSignIn: (credentials: Credentials) => void;
}) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (!text) return;
    onSignIn(mode === 'jwt' ? { kind: 'token', token: text } : { kind: 'user', userId: text });
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Chat</h1>
        {mode === 'jwt' ? (
          <>
            <label htmlFor="sign-in-value">Token or API key</label>
            <input
              id="sign-in-value"
              type="password"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoFocus
            />
            <p className="hint">Kept for this browser tab only (sessionStorage).</p>
          </>
        ) : (
          <>
            <label htmlFor="sign-in-value">Your name</label>
            <input
              id="sign-in-value"
              autoComplete="username"
              maxLength={128}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoFocus
            />
            <p className="hint">Sent as X-User-Id: this server trusts it (AUTH_MODE=none).</p>
          </>
        )}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
