export * from './k8s';
export * from './source';
export * from './diagnostic';
export * from './snapshot';
