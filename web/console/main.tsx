import { render } from 'preact';
import { currentUser } from './auth/session';
// TEMPORARY (wt-console-ui): the sign-in form and base styles stand in for wt-console-auth's.
import { TempSignIn } from './auth/temp-sign-in';
import './styles/temp-base.css';
import { Workspace } from './workspace/workspace';

function App() {
  return currentUser.value ? <Workspace /> : <TempSignIn />;
}

render(<App />, document.getElementById('app')!);
