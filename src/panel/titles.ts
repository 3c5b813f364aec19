// Tab titles for thread panels: the thread's title as the title sink makes it (one line, short,
// visible); where two open tabs would read the same ("Sarah Johnson" from SiteGPT, Thred and
// Tybrite), each carries its service, and its account too when the service is the same. Pure, so
// it is tested under Node.
import { panelTitle } from '../sinks/title';

export interface TitledPanel {
  title: string | undefined;
  service: string | undefined;
  account: string | undefined;
}

/** One line, at most 50 characters, never empty. */
export function shortTitle(title: string | undefined): string {
  return panelTitle(title ?? '');
}

/** The title of each panel, in order, told apart where they collide. */
export function tabTitle(panels: readonly TitledPanel[]): string[] {
  const bases = panels.map((panel) => shortTitle(panel.title));
  const count = (values: string[], value: string) => values.filter((other) => other === value).length;
  const keys = bases.map((base) => base.toLowerCase());
  const withService = panels.map((panel, index) => (count(keys, keys[index] as string) > 1 && panel.service ? `${bases[index]} — ${panelTitle(panel.service)}` : (bases[index] as string)));
  const serviceKeys = withService.map((title) => title.toLowerCase());
  return panels.map((panel, index) =>
    count(serviceKeys, serviceKeys[index] as string) > 1 && panel.account && withService[index] !== bases[index]
      ? `${withService[index]} · ${panelTitle(panel.account)}`
      : (withService[index] as string),
  );
}
