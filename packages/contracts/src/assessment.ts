/** Assessment: village potentials profile (Form 1), problems and potentials, registry proposals, field verification of families (Form 2). */
export {};
