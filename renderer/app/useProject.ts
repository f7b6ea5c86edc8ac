/**
 * Which screen to show: the project open in main (serve opens its folder at start), else the start
 * screen. A transport that cannot be reached is an error state with a message, never a blank page.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOut } from '../../shared/ipc/api.js';
import { toasts } from '../features/toasts/toasts.js';
import { Workspace } from '../features/workspace/workspace.js';
import { client } from '../ipc/client.js';

export type Environment = ResponseOut<'app:environment'>;
export type RecentProject = ResponseOut<'project:recent'>['projects'][number];

export type ProjectScreen =
  | { readonly state: 'loading' }
  | { readonly state: 'start'; readonly environment: Environment | null; readonly recent: readonly RecentProject[] }
  | { readonly state: 'open'; readonly workspace: Workspace; readonly name: string }
  | { readonly state: 'unreachable'; readonly message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function startScreen(): Promise<ProjectScreen> {
  const [environment, recent] = await Promise.all([client.app.environment(), client.project.recent().catch(() => ({ projects: [] }))]);
  return { state: 'start', environment, recent: recent.projects };
}

function openScreen(name: string): ProjectScreen {
  const workspace = new Workspace(client, toasts.error);
  void workspace.start();
  return { state: 'open', workspace, name };
}

export function useProject(): { screen: ProjectScreen; openPath: (path: string) => void; pickFolder: () => void } {
  const [screen, setScreen] = useState<ProjectScreen>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    client.project
      .current()
      .then(async ({ project }) => (project ? openScreen(project.name) : startScreen()))
      .then((next) => live && setScreen(next))
      .catch((error: unknown) => {
        toasts.error(error);
        if (live) setScreen({ state: 'unreachable', message: messageOf(error) });
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => () => (screen.state === 'open' ? screen.workspace.dispose() : undefined), [screen]);

  const openPath = useCallback((path: string) => {
    client.project.open({ path }).then((project) => setScreen(openScreen(project.name)), toasts.error);
  }, []);
  const pickFolder = useCallback(() => {
    client.project.pickFolder().then(({ path }) => path && openPath(path), toasts.error);
  }, [openPath]);
  return { screen, openPath, pickFolder };
}
