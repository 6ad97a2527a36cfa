// The GraphiQL page's own script (index.html loads it after React and GraphiQL): the sign-in bar,
// and GraphiQL with a fetcher that sends the token. Plain browser JavaScript, no build step.
(function () {
  'use strict';

  const ENDPOINT = '/graphql';
  const STORAGE_KEY = 'inspection.graphiql.session'; // { token, expiresAt, username, displayName }

  const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(input: { username: $username, password: $password }) {
    token
    expiresAt
    user { username displayName }
  }
}`;

  const DEFAULT_QUERY = `# 巡察监督 GraphQL API. Sign in above, then run this with Ctrl-Enter.
# The Docs button on the left lists every query and mutation.
{ me { displayName } }
`;

  const $ = (id) => document.getElementById(id);

  // The session lives in sessionStorage: it ends with the tab, and an expired one is dropped.
  function session() {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
      if (s && s.token && new Date(s.expiresAt) > new Date()) return s;
    } catch (_) {
      // Not JSON: treated as signed out.
    }
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }

  function showSession() {
    const s = session();
    $('who').textContent = s ? `signed in as ${s.displayName} (${s.username})` : 'not signed in';
    $('sign-out').disabled = !s;
  }

  // POSTs a GraphQL request as JSON, with the token when signed in; `headers` (from GraphiQL's
  // header editor) come last, so a header typed there wins.
  async function post(body, headers) {
    const s = session();
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(s ? { Authorization: `Bearer ${s.token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (_) {
      throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    sessionStorage.removeItem(STORAGE_KEY);
    try {
      const result = await post({
        query: LOGIN,
        operationName: 'Login',
        variables: { username: $('username').value, password: $('password').value },
      });
      if (result.errors && result.errors.length) throw new Error(result.errors[0].message);
      const { token, expiresAt, user } = result.data.login;
      sessionStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ token, expiresAt, username: user.username, displayName: user.displayName }),
      );
      $('password').value = '';
    } catch (error) {
      $('login-error').textContent = `Sign-in failed: ${error.message}`;
    }
    showSession();
  }

  function signOut() {
    sessionStorage.removeItem(STORAGE_KEY);
    $('login-error').textContent = '';
    showSession();
  }

  $('login').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  showSession();

  ReactDOM.createRoot($('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: (params, options) => post(params, options && options.headers),
      defaultQuery: DEFAULT_QUERY,
    }),
  );
})();
