/** Delivery: interventions to named families, costs per funding source, evidence, convergence per family. */
export {};
