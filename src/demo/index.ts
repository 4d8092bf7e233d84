import demoYaml from './demo-cluster.yaml?raw';

/** The embedded demo cluster, bundled so the app is useful offline from the first second. */
export const DEMO_SOURCE = { name: 'demo-cluster.yaml', text: demoYaml } as const;
