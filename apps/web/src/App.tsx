import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChatApi, type AuthMode, type Credentials } from './api/chat-api';
import { describeError } from './api/errors';
import { ChatApp } from './components/ChatApp';
import { SignIn } from './components/SignIn';
import { forgetCredentials, saveCredentials, savedCredentials } from './lib/session';

/** Finds how the server authenticates, asks for a name or a token, then shows the chat. */
export function App() {
  const [mode, setMode] = useState<AuthMode | null>(null);
  const [credentials, setCredentials] = useState<Credentials | null>(savedCredentials);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    ChatApi.probeAuthMode().then(setMode, (error: unknown) => {
      setProblem(describeError(error));
      setMode('none');
    });
  }, []);

  const api = useMemo(() => (credentials ? new ChatApi(credentials) : null), [credentials]);
  const signIn = useCallback((next: Credentials) => {
    saveCredentials(next);
    setProblem(null);
    setCredentials(next);
  }, []);
  const signOut = useCallback(() => {
    forgetCredentials();
    setCredentials(null);
  }, []);
  const refused = useCallback((text: string) => {
    forgetCredentials();
    setProblem(text);
    setCredentials(null);
  }, []);

  if (mode === null) return <p className="loading">Loading…</p>;
  // A name saved in AUTH_MODE=none means nothing to a jwt server (and a token nothing to none).
  const fits = credentials && (mode === 'jwt') === (credentials.kind === 'token');
  if (!api || !credentials || !fits) {
    return <SignIn mode={mode} problem={problem} onSignIn={signIn} />;
  }
  return (
    <ChatApp
      api={api}
      who={credentials.kind === 'user' ? credentials.userId : 'token'}
      onSignOut={signOut}
      onUnauthorized={refused}
    />
  );
}
