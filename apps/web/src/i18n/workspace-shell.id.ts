/** Bahasa Indonesia for the pairing workspace shell (tabs, indicators). English twin: workspace-shell.en.ts. */
export const workspaceShellId = {
  'workspace.tabs': 'Bagian ruang kerja pendampingan',
  'workspace.tab.summary': 'Ringkasan',
  'workspace.tab.assessment': 'Asesmen',
  'workspace.tab.plan': 'Rencana',
  'workspace.tab.delivery': 'Intervensi',
  'workspace.tab.reports': 'Laporan bulanan',
  'workspace.tab.supervision': 'Pengawasan',
  'workspace.tab.evaluation': 'Evaluasi',
  'workspace.comingSoon': 'Bagian ini belum tersedia.',
  'workspace.indicators': 'Indikator kelurahan dari registri (sekarang)',
  'workspace.indicatorsNote': 'Dihitung langsung dari registri keluarga: keluarga aktif di {village}.',
  'workspace.readOnly': 'Anda dapat membaca ruang kerja ini tetapi tidak mengubahnya.',
} as const;
