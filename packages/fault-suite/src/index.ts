/**
 * Loopback fault servers for the ModelOps fault suite (tests only).
 *
 * @packageDocumentation
 */
export { startFaultProxy, FAULTS } from './startFaultProxy';
export type { Fault, FaultProxy } from './startFaultProxy';
export { FAULT_CASES } from './faults';
export type { FaultCase } from './faults';
