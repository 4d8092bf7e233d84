/**
 * Reading Pods and the pod templates of workloads: labels, container ports, addresses,
 * hostNetwork and phase, validated as the API server validates those fields (ValidatePod's
 * validateContainerPorts, ValidateLabels) with Go's decoding rules for their types.
 */
import type { ContainerPort, Labels, Protocol, WorkloadKind } from '../model';
import { sub, type At, type Checker } from './check';
import { isValidIp } from './cidr';
import { printValue } from './codes';
import { isValidPortName, isValidPortNum } from './k8s-strings';
import { own } from './parse';
import { PROTOCOL_VALUES, readMeta, type Meta } from './validate';

export interface PodShape {
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
}

export interface PodRead extends PodShape {
  readonly meta: Meta;
  readonly ips: readonly string[];
  readonly phase?: string;
}

export interface WorkloadRead extends PodShape {
  readonly meta: Meta;
}

/** Container ports of `spec.containers` (init and ephemeral containers' ports do not count). */
function readContainerPorts(c: Checker, spec: Record<string, unknown>, at: At): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = c.list(own(spec, 'containers'), sub(at, 'containers')) ?? [];
  containers.forEach((container, i) => {
    const cat = sub(at, 'containers', i);
    const cm = c.map(container, cat) ?? {};
    const ports = c.list(own(cm, 'ports'), sub(cat, 'ports')) ?? [];
    const names = new Set<string>();
    ports.forEach((port, j) => {
      const pat = sub(cat, 'ports', j);
      const pm = c.map(port, pat) ?? {};
      const containerPort = c.int(own(pm, 'containerPort'), sub(pat, 'containerPort')) ?? 0;
      if (containerPort === 0) c.add('CONTAINER_PORT_REQUIRED', sub(pat, 'containerPort'));
      else if (!isValidPortNum(containerPort))
        c.add('PORT_OUT_OF_RANGE', sub(pat, 'containerPort'), { value: containerPort });
      const usable = isValidPortNum(containerPort);
      const name = c.string(own(pm, 'name'), sub(pat, 'name')) ?? '';
      if (name !== '') {
        const errs = isValidPortName(name);
        if (errs.length)
          c.add('PORT_NAME_INVALID', sub(pat, 'name'), { value: printValue(name), detail: errs.join('; ') });
        if (names.has(name))
          c.add('CONTAINER_PORT_NAME_DUPLICATE', sub(pat, 'name'), { value: printValue(name) });
        names.add(name);
      }
      const protocolText = c.string(own(pm, 'protocol'), sub(pat, 'protocol')) ?? '';
      const protocol = protocolText === '' ? 'TCP' : protocolText;
      if (!PROTOCOL_VALUES.includes(protocol))
        c.add('PROTOCOL_UNSUPPORTED', sub(pat, 'protocol'), { value: printValue(protocol) });
      if (usable && PROTOCOL_VALUES.includes(protocol)) {
        out.push({ ...(name !== '' ? { name } : {}), containerPort, protocol: protocol as Protocol });
      }
    });
  });
  return out;
}

function readPodSpec(c: Checker, v: unknown, at: At): { ports: ContainerPort[]; hostNetwork: boolean } {
  const spec = c.map(v, at) ?? {};
  const ports = readContainerPorts(c, spec, at);
  const hostNetwork = c.bool(own(spec, 'hostNetwork'), sub(at, 'hostNetwork')) ?? false;
  return { ports, hostNetwork };
}

/** Pod addresses: status.podIPs, then status.podIP when it is not among them. Invalid ones are dropped. */
function readPodIps(c: Checker, status: Record<string, unknown>): string[] {
  const ips: string[] = [];
  const add = (v: unknown, at: At): void => {
    const ip = c.string(v, at);
    if (ip === undefined || ip === '' || ips.includes(ip)) return;
    if (isValidIp(ip)) ips.push(ip);
    else c.add('POD_IP_INVALID', at, { value: printValue(ip) });
  };
  const podIPs = c.list(own(status, 'podIPs'), sub(undefined, 'status', 'podIPs')) ?? [];
  podIPs.forEach((entry, i) => {
    const m = c.map(entry, sub(undefined, 'status', 'podIPs', i));
    if (m) add(own(m, 'ip'), sub(undefined, 'status', 'podIPs', i, 'ip'));
  });
  add(own(status, 'podIP'), sub(undefined, 'status', 'podIP'));
  return ips;
}

export function readPod(c: Checker, obj: Readonly<Record<string, unknown>>): PodRead {
  const meta = readMeta(c, obj);
  const { ports, hostNetwork } = readPodSpec(c, own(obj, 'spec'), sub(undefined, 'spec'));
  const status = c.map(own(obj, 'status'), sub(undefined, 'status')) ?? {};
  const ips = readPodIps(c, status);
  const phase = c.string(own(status, 'phase'), sub(undefined, 'status', 'phase'));
  return { meta, labels: meta.labels, ports, ips, hostNetwork, ...(phase ? { phase } : {}) };
}

/** A workload's pod template: `spec.template`, or `spec.jobTemplate.spec.template` for a CronJob. */
export function readWorkload(
  c: Checker,
  obj: Readonly<Record<string, unknown>>,
  kind: WorkloadKind,
): WorkloadRead {
  const meta = readMeta(c, obj);
  const spec = c.map(own(obj, 'spec'), sub(undefined, 'spec')) ?? {};
  let template: unknown;
  let at: At;
  if (kind === 'CronJob') {
    const jobTemplate = c.map(own(spec, 'jobTemplate'), sub(undefined, 'spec', 'jobTemplate')) ?? {};
    const jobSpec = c.map(own(jobTemplate, 'spec'), sub(undefined, 'spec', 'jobTemplate', 'spec')) ?? {};
    template = own(jobSpec, 'template');
    at = sub(undefined, 'spec', 'jobTemplate', 'spec', 'template');
  } else {
    template = own(spec, 'template');
    at = sub(undefined, 'spec', 'template');
  }
  const t = c.map(template, at) ?? {};
  const tmeta = c.map(own(t, 'metadata'), sub(at, 'metadata')) ?? {};
  const labels =
    c.labels(own(tmeta, 'labels'), sub(at, 'metadata', 'labels')) ?? (Object.create(null) as Labels);
  const { ports, hostNetwork } = readPodSpec(c, own(t, 'spec'), sub(at, 'spec'));
  return { meta, labels, ports, hostNetwork };
}
