/**
 * Word lists for synthetic people and addresses, written for this generator (no real register
 * was used). Javanese and general Indonesian given names; many Javanese people, older ones
 * especially, have a single name, younger ones two or three parts. The second names are the
 * common "family-style" endings (Santoso, Rahayu …), not inherited surnames.
 */
import type { Rng } from './prng.ts';

/** Whitespace-separated words: keeps the lists readable and compact. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Comma-separated entries that may contain spaces. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export const MALE_GIVEN: readonly string[] = words(`
  Abdul Abdullah Achmad Adi Aditya Agung Agus Ahmad Akbar Alfian Ali Andi Andika Anwar Ardi Arief Arif Aris
  Bagas Bagus Bambang Bayu Bima Budi Cahyo Cahyono Catur Dadang Dani Darmo Darsono Darto Daryono Dedi Dimas Dwi
  Edi Eko Endro Fadli Fahmi Faisal Fajar Fauzan Fauzi Ferry Galih Gilang Gunawan Guntur Hadi Hamid Hari Haryanto
  Hasan Hendra Hendro Heri Heru Ilham Imam Indra Irfan Iwan Jaka Joko Jumadi Juned Kardi Karno Karyono Kasmin
  Kasno Kirno Kusnadi Kuswanto Lukman Mahmud Margono Marno Maryono Mujiono Mukhlis Mulyadi Mulyono Muhammad
  Mustofa Nanang Narto Ngadiman Nur Paidi Paijo Paiman Parjo Partono Priyo Purwanto Rahmat Raharjo Rangga Rendi
  Reza Rio Riyadi Rizal Rizki Rohman Rudi Rusdi Ruslan Sahid Samsul Sapto Sardi Sarno Sarwono Satria Siswanto
  Slamet Sobirin Sodikin Sugeng Sugiarto Sugiyono Suhadi Suharto Sujarwo Sukarno Sukirno Sulistyo Sumadi Sumardi
  Sumarno Sunarto Supardi Suparman Suprapto Supriyadi Surono Suryadi Susilo Sutarno Sutrisno Suwarno Suyanto
  Syaiful Tarmuji Taufik Teguh Tejo Timbul Tono Tri Triyono Untung Wagiman Wahyu Wahyudi Waluyo Wardoyo Warsito
  Wawan Widodo Wiji Yanto Yoga Yogi Yudi Yusuf Zaenal Zainal Arya Danu Fikri Hafiz Khoirul Rafi Syahrul Wisnu
`);

export const FEMALE_GIVEN: readonly string[] = words(`
  Aisyah Alya Amelia Aminah Anggi Ani Anik Anisa Anjani Asih Astuti Atik Aulia Ayu Azzahra Bella Cantika Citra
  Darmi Dewi Diah Dian Dina Dinda Dwi Eka Elsa Endah Endang Erna Erni Evi Fani Fatimah Fitri Fitria Hana Hartini
  Hasanah Heni Ika Iin Indah Indri Intan Ismi Jumiati Juwariyah Karsini Kartini Kasiyem Kasmini Kastini Kayla
  Khasanah Khotimah Kiki Kirana Kurniasih Laila Lestari Lia Lina Lusi Lutfiah Marni Maryam Maryati Maya Mega
  Melati Mira Murni Musriah Muslimah Mutmainah Nabila Nadia Nafisah Nanda Nanik Naura Nayla Ngatini Ngatiyem
  Nining Nita Novi Novita Nunung Nur Nurhayati Nurul Painem Parmi Partini Ponirah Pratiwi Puji Purwati Puspita
  Putri Rahayu Rara Rasminah Ratih Ratna Reni Rina Rini Riska Rizka Rohmah Rokhayah Rosita Safitri Sainem Salma
  Salsabila Saminah Sari Sarmi Sekar Shinta Siti Sri Sriyani Suci Suharti Sukarni Sukini Sulasih Sulastri
  Sumarni Sumiati Sumiyati Suminah Sunarti Sundari Suparmi Suparti Supriyati Surtini Susanti Susi Sutinah
  Sutiyah Suwarni Syifa Tarsih Tiara Tri Tukiyem Tumini Tuti Tutik Umi Umiyati Vina Wahyuni Warsini Warsiti
  Wartini Wati Widya Winarti Wulan Yani Yanti Yatmi Yesi Yuli Yulia Yuni Zahra Zaskia Zulaikha Keisya Ratu
  Oktavia
`);

export const MALE_SECOND: readonly string[] = words(`
  Santoso Wibowo Nugroho Prasetyo Saputra Hidayat Setiawan Kurniawan Wijaya Susanto Purnomo Pratama Ramadhan
  Firmansyah Hakim Maulana Syahputra Utomo Wicaksono Hartono Suryono Budiman Permana Rahman Effendi Kusuma
  Hermawan Irawan Darmawan Sasongko Wardana Nugraha Laksono Ardiansyah Febrianto Prakoso Mahendra Setyawan
  Yulianto Cahyadi
`);

export const FEMALE_SECOND: readonly string[] = words(`
  Lestari Rahayu Wulandari Handayani Puspitasari Kusumawati Rahmawati Safitri Anggraini Susanti Setyaningsih
  Purwaningsih Wahyuningsih Yuliani Maharani Pertiwi Ningsih Rahmadani Oktaviani Novitasari Permatasari
  Kurniasih Hidayati Nurjanah Fitriani Sulistyowati Wijayanti Utami Damayanti Agustina
`);

/** Streets: national heroes, flowers, fruit, fish (a coastal city) and Pekalongan batik motifs. */
export const STREETS: readonly string[] = list(`
  Diponegoro, Hayam Wuruk, Gajah Mada, Dr. Sutomo, Kartini, Imam Bonjol, Sultan Agung, Veteran, Merdeka, Pemuda,
  Jend. Sudirman, Ahmad Yani, Pattimura, Dr. Wahidin, Urip Sumoharjo, Slamet Riyadi, KH. Mansyur, Wahid Hasyim,
  Agus Salim, Cokroaminoto, Tentara Pelajar, Kusuma Bangsa, Perintis Kemerdekaan, Kenanga, Melati, Mawar,
  Anggrek, Dahlia, Cempaka, Flamboyan, Teratai, Kemuning, Nanas, Salak, Rambutan, Manggis, Jeruk, Belimbing,
  Sawo, Pelita, Karya Bakti, Sido Mukti, Pesisir, Pantai, Bandeng, Tongkol, Kakap, Batik, Sekar Jagad,
  Parang Kusumo, Jlamprang, Buketan, Truntum, Kawung, Masjid, Pasar, Makam, Sekolah, Kali, Sawah,
`);

export const HAMLETS: readonly string[] = words(`
  Krajan Kauman Karanganyar Sidomulyo Sukorejo Tegalsari Kradenan Kepatihan Wetan Kulon Lor Kidul Tengah Ngasem
  Bendan Kalisari Sidorejo Rejosari Mulyorejo Karangsari Gumelem Pucung Jatisari Randusari Ngaliyan Pringapus
  Wonosari Sumberejo Kebonsari Dukuhan
`);

/**
 * The old spellings many older people's names keep on their documents: van Ophuijsen's oe
 * (u since 1947) and the dj, tj, j, nj, sj, ch of the Soewandi spelling (j, c, y, ny, sy, kh since
 * the 1972 EYD), e.g. Soetrisno, Djoko, Tjahjono. They exercise the search key (region-name.ts).
 */
export function oldSpelling(name: string): string {
  let s = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const next = (name[i + 1] ?? '').toLowerCase();
    let out: string;
    if (lower === 'u') out = 'oe';
    else if (lower === 'j') out = 'dj';
    else if (lower === 'y') out = 'j';
    else if (lower === 'c') out = 'tj';
    else if (lower === 'k' && next === 'h') {
      out = 'ch';
      i++;
    } else out = lower;
    s += upper ? out.charAt(0).toUpperCase() + out.slice(1) : out;
  }
  return s;
}

/** Share of single / two-part / three-part names by birth year: single names are commoner among the old. */
function partsFor(birthYear: number, rng: Rng): 1 | 2 | 3 {
  const [one, two] = birthYear < 1970 ? [0.6, 0.95] : birthYear < 1990 ? [0.35, 0.85] : [0.15, 0.7];
  const u = rng.next();
  return u < one ? 1 : u < two ? 2 : 3;
}

export function personName(rng: Rng, female: boolean, birthYear: number, fatherSecond?: string): string {
  const given = female ? FEMALE_GIVEN : MALE_GIVEN;
  const second = female ? FEMALE_SECOND : MALE_SECOND;
  const parts = partsFor(birthYear, rng);
  let name = rng.pick(given);
  if (parts >= 2) {
    let middle = rng.chance(0.45) ? rng.pick(given) : rng.pick(second);
    if (middle === name) middle = rng.pick(second);
    name += ` ${middle}`;
  }
  if (parts === 3) {
    // Some children carry a part of the father's name, which is as close to a surname as Java gets.
    const last = !female && fatherSecond && rng.chance(0.4) ? fatherSecond : rng.pick(second);
    if (!name.endsWith(last)) name += ` ${last}`;
  }
  if (birthYear < 1975 && rng.chance(0.2)) name = oldSpelling(name);
  return name;
}

/** Last word of a name, for the occasional child that carries it. */
export function lastPart(name: string): string | undefined {
  const i = name.lastIndexOf(' ');
  return i < 0 ? undefined : name.slice(i + 1);
}
