import { describe, expect, it } from 'vitest';
import { DTKS_HEADERS, headerKey, isFieldKey, looksLikeHeaderlessDtks, mapHeaders } from './header-map.ts';

describe('headerKey', () => {
  it('folds case, spaces, underscores, dots, No./Nomor and Tgl/Tanggal', () => {
    expect(new Set(['No. KK', 'NOMOR_KK', 'nomor kk', 'No KK', 'NoKK', 'Nomer KK']).size).toBe(6);
    expect(new Set(['No. KK', 'NOMOR_KK', 'nomor kk', 'No KK', 'NoKK', 'Nomer KK'].map(headerKey))).toEqual(new Set(['nokk']));
    expect(headerKey('Tgl. Lahir')).toBe(headerKey('TANGGAL_LAHIR'));
    expect(headerKey('tanggallahir')).toBe(headerKey('Tgl Lahir'));
    expect(headerKey('Désa/Kelurahan')).toBe('desakelurahan');
  });
});

describe('mapHeaders', () => {
  it('maps the 17-column DTKS pipe layout (region names, not codes)', () => {
    const m = mapHeaders([...DTKS_HEADERS]);
    expect(m.layout).toBe('dtks');
    expect(m.columns).toEqual([
      'sourceId',
      'provinceName',
      'regencyName',
      'districtName',
      'villageName',
      'address',
      'hamlet',
      'rt',
      'rw',
      'noKk',
      'nik',
      'name',
      'birthDate',
      'birthPlace',
      'sex',
      'motherName',
      'relationship',
    ]);
    expect(m.unknown).toEqual([]);
    expect(m.duplicates).toEqual([]);
    expect(m.missingRequired).toEqual([]);
  });

  it('maps a DTSEN-like export with codes, desil and housing columns', () => {
    const headers = [
      'ID DTSEN',
      'KODE_DESA',
      'NO_KK',
      'NIK',
      'NAMA',
      'JENIS_KELAMIN',
      'TGL_LAHIR',
      'HUBUNGAN_DENGAN_KEPALA_KELUARGA',
      'DESIL_NASIONAL',
      'STATUS_KEPEMILIKAN_RUMAH',
      'LUAS_LANTAI',
      'JENIS_LANTAI',
      'JENIS_DINDING',
      'JENIS_ATAP',
      'SUMBER_AIR_MINUM',
      'FASILITAS_BAB',
      'SUMBER_PENERANGAN',
      'DAYA_LISTRIK',
      'BAHAN_BAKAR_MEMASAK',
      'PKH',
      'BPNT',
      'PBI',
      'PIP',
      'BLT',
    ];
    const m = mapHeaders(headers);
    expect(m.layout).toBe('dtsen');
    expect(m.columns).toEqual([
      'sourceId',
      'villageCode',
      'noKk',
      'nik',
      'name',
      'sex',
      'birthDate',
      'relationship',
      'desil',
      'tenure',
      'floorAreaM2',
      'floorType',
      'wallType',
      'roofType',
      'drinkingWater',
      'toilet',
      'lighting',
      'electricityVa',
      'cookingFuel',
      'familyPrograms:pkh',
      'familyPrograms:bpnt',
      'personPrograms:pbi_jk',
      'personPrograms:pip',
      'familyPrograms:blt',
    ]);
    expect(m.unknown).toEqual([]);
    expect(m.missingRequired).toEqual([]);
  });

  it('maps a P3KE-like export and ignores known columns the registry does not hold', () => {
    const headers = [
      'ID Keluarga P3KE',
      'Provinsi',
      'Kabupaten/Kota',
      'Kecamatan',
      'Desa/Kelurahan',
      'Desil Kesejahteraan',
      'Alamat',
      'Padan Dukcapil',
      'No KK',
      'NIK',
      'Nama',
      'Jenis Kelamin',
      'Tanggal Lahir',
      'Pekerjaan',
      'Pendidikan',
      'Kepemilikan Rumah',
      'Penerima PKH',
      'Penerima BPNT',
      'Penerima Sembako',
      'Penerima BPUM',
      'Umur',
    ];
    const m = mapHeaders(headers);
    expect(m.layout).toBe('p3ke');
    expect(m.columns[0]).toBe('sourceId');
    expect(m.columns[4]).toBe('villageName');
    expect(m.columns[7]).toBeNull(); // Padan Dukcapil: known, ignored
    expect(m.columns[13]).toBeNull(); // Pekerjaan: known, ignored
    expect(m.columns[16]).toBe('familyPrograms:pkh');
    expect(m.columns[17]).toBe('familyPrograms:bpnt');
    // "Penerima Sembako" is BPNT again: the first column wins, the second is reported
    expect(m.columns[18]).toBeNull();
    expect(m.duplicates).toEqual(['Penerima Sembako']);
    expect(m.unknown).toEqual(['Penerima BPUM']);
    expect(m.missingRequired).toEqual([]);
  });

  it('reads Regsosek 2022 column names (kd_*) including asset and disability flag columns', () => {
    const m = mapHeaders([
      'nik',
      'no_kk',
      'nama',
      'kode_wilayah',
      'kd_jenis_lantai_terluas',
      'kd_lemari_es',
      'kd_sepeda_motor',
      'kd_sulit_penglihatan',
      'kd_pkh',
    ]);
    expect(m.columns.slice(4)).toEqual(['floorType', 'assets:fridge', 'assets:motorbike', 'disabilities:seeing', 'familyPrograms:pkh']);
  });

  it('reports missing required columns, the village by code or by names', () => {
    expect(mapHeaders(['NIK', 'Nama']).missingRequired).toEqual(['noKk', 'villageCode']);
    expect(mapHeaders(['NIK', 'No KK', 'Nama', 'Kelurahan']).missingRequired).toEqual(['districtName', 'regencyName']);
    expect(mapHeaders(['NIK', 'No KK', 'Nama', 'Kelurahan', 'Kecamatan', 'Kota']).missingRequired).toEqual([]);
    expect(mapHeaders(['NIK', 'No KK', 'Nama', 'Kode Desa']).missingRequired).toEqual([]);
  });

  it('keeps RT/RW combined and separate columns apart', () => {
    const m = mapHeaders(['RT/RW', 'RT', 'NIK']);
    expect(m.columns).toEqual(['rtRw', null, 'nik']);
    expect(m.duplicates).toEqual(['RT']);
  });

  it('lists unknown headers and skips empty ones', () => {
    const m = mapHeaders(['NIK', '', 'Hobi', 'Warna Rumah']);
    expect(m.unknown).toEqual(['Hobi', 'Warna Rumah']);
    expect(m.columns).toEqual(['nik', null, null, null]);
    expect(m.layout).toBe('custom');
  });

  it('ignores a parenthesised note when the full header is unknown', () => {
    expect(mapHeaders(['Tgl Lahir (DD-MM-YYYY)', 'Luas Lantai (m²)', 'NIK (16 digit)']).columns).toEqual([
      'birthDate',
      'floorAreaM2',
      'nik',
    ]);
  });

  it('lets a saved mapping override aliases, ignore columns and reach any field', () => {
    const headers = ['NOMOR INDUK', 'KARTU', 'NAMA WARGA', 'KELURAHAN', 'Nama', 'Pekerjaan', 'Status'];
    const saved = {
      'NOMOR INDUK': 'nik',
      kartu: 'noKk',
      'NAMA WARGA': 'name',
      KELURAHAN: null,
      Nama: null,
      Pekerjaan: 'workStatus',
      Status: 'tidak_ada',
    };
    const m = mapHeaders(headers, saved);
    expect(m.columns).toEqual(['nik', 'noKk', 'name', null, null, 'workStatus', null]);
    expect(m.invalidSaved).toEqual(['Status']);
    expect(m.unknown).toEqual(['Status']);
    expect(m.missingRequired).toEqual(['villageCode']);
  });

  it('knows which keys are field keys', () => {
    for (const k of ['nik', 'villageName', 'rtRw', 'assets:fridge', 'familyPrograms:pkh', 'personPrograms:pip', 'disabilities:self_care']) {
      expect(isFieldKey(k)).toBe(true);
    }
    for (const k of ['NIK', 'assets:yacht', 'assets', 'assets:fridge:x', 'regionNames', ''])
      expect(isFieldKey(k) && k !== 'assets').toBe(false);
  });
});

describe('looksLikeHeaderlessDtks', () => {
  it('recognises a DTKS data row used as first line', () => {
    const row = [
      '3375-0001',
      'JAWA TENGAH',
      'KOTA PEKALONGAN',
      'PEKALONGAN BARAT',
      'MEDONO',
      'JL. URIP SUMOHARJO',
      '',
      '003',
      '005',
      '3375010507120004',
      '3375011205850003',
      'SLAMET RIYADI',
      '1985-05-12',
      'PEKALONGAN',
      'L',
      'KASMIRAH',
      'Kepala Keluarga',
    ];
    expect(looksLikeHeaderlessDtks(row)).toBe(true);
    expect(looksLikeHeaderlessDtks([...DTKS_HEADERS])).toBe(false);
  });
});
