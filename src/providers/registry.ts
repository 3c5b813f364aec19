// The services Threadline speaks to: one line each. A new service is a folder under
// src/providers/<service>/ with a descriptor, plus its line here; nothing else names it.
import { agentsend } from './agentsend/descriptor';
import { cattix } from './cattix/descriptor';
import { sitegpt } from './sitegpt/descriptor';
import { sitegptV2 } from './sitegpt-v2/descriptor';
import { thred } from './thred/descriptor';
import { tybrite } from './tybrite/descriptor';
import type { ServiceDescriptor } from './types';

export class ServiceRegistry {
  private readonly byId: ReadonlyMap<string, ServiceDescriptor>;

  constructor(readonly all: readonly ServiceDescriptor[]) {
    this.byId = new Map(all.map((descriptor) => [descriptor.id, descriptor]));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ServiceDescriptor {
    const descriptor = this.byId.get(id);
    if (!descriptor) throw new Error(`Threadline does not know the service "${id}"`);
    return descriptor;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}

export const BUILT_IN_SERVICES: readonly ServiceDescriptor[] = [
  agentsend,
  sitegpt,
  sitegptV2,
  tybrite,
  thred,
  cattix,
];

export const SERVICES = new ServiceRegistry(BUILT_IN_SERVICES);

export function serviceDescriptor(service: string): ServiceDescriptor {
  return SERVICES.get(service);
}

/** The service's display name, e.g. "SiteGPT". */
export function serviceName(service: string): string {
  return SERVICES.has(service) ? SERVICES.get(service).name : service;
}
