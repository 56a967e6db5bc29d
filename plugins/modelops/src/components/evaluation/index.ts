export { EntityEvaluationGateCard } from './EntityEvaluationGateCard';
export { EntityEvaluationContent } from './EntityEvaluationContent';
export { GateStatus } from './GateStatus';
export { useEvaluations } from './useEvaluations';
