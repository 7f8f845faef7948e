"""The English of the health office's pages, keyed by their Indonesian (clients/common/language.py).

The age groups (eligibility.py) are its own words, in Indonesian; their English is here too.
Site names and addresses are names, and stay as they are.
"""

ENGLISH = {
    # vaccination/home.html
    "Vaksinasi dewasa DKI Jakarta": "Adult vaccination in Jakarta",
    "Pesan jadwal vaksinasi influenza dan pneumonia di puskesmas terdekat. Lansia (60 tahun ke atas) mendapat "
    "prioritas.": (
        "Book a flu and pneumonia vaccination at your nearest community health centre (puskesmas). Older people "
        "(60 and over) come first."
    ),
    "Jadwal vaksinasi Anda": "Your vaccination appointment",
    "Nomor pendaftaran": "Booking number",
    "{day} pukul {time}": "{day} at {time}",
    "di": "at",
    "Pilih lokasi di bawah ini untuk melihat slot yang tersedia.": "Choose a site below to see its free slots.",
    "Vaksinasi ini akan dicatat di sertifikat vaksin nasional (SATUSEHAT) atas NIK yang berakhiran {digits}.": (
        "This vaccination will be recorded on the national vaccine certificate (SATUSEHAT) under the NIK ending in "
        "{digits}."
    ),
    "Agar vaksinasi tercatat di sertifikat vaksin nasional (SATUSEHAT), tambahkan NIK Anda di akun JAKI ID, lalu "
    "masuk lagi.": (
        "To have this vaccination recorded on the national vaccine certificate (SATUSEHAT), add your NIK to your "
        "JAKI ID account, then sign in again."
    ),
    "Lokasi vaksinasi": "Vaccination sites",
    # vaccination/eligibility.html
    "Kelayakan dan jadwal Anda": "Whether and when you can book",
    "JAKI ID tidak mengirimkan tanggal lahir Anda, sehingga kelayakan tidak dapat ditentukan.": (
        "JAKI ID did not send your date of birth, so we cannot tell whether you can book."
    ),
    "Usia Anda:": "Your age:",
    "{years} tahun": "{years} years",
    "kelompok": "group",
    "Anda dapat memesan slot mulai": "You can book a slot from",
    "Vaksinasi untuk kelompok ini dilayani di sekolah dan posyandu, tidak melalui layanan ini.": (
        "This group is vaccinated at school and at the posyandu (community health post), not through this service."
    ),
    # vaccination/site.html
    "Slot vaksinasi": "Vaccination slots",
    "Masuk dengan JAKI ID untuk memesan slot.": "Sign in with JAKI ID to book a slot.",
    "Anda sudah memiliki jadwal: {reference}.": "You already have an appointment: {reference}.",
    "Lihat jadwal": "See your appointment",
    "Anda belum dapat memesan slot melalui layanan ini.": "You cannot book a slot through this service yet.",
    "Tanggal": "Date",
    "Jam": "Time",
    "Pesan": "Book",
    "Pesan {day} pukul {time}": "Book {day} at {time}",
    # vaccination/site_details.html
    "Alamat": "Address",
    "Telepon": "Phone",
    "Koordinat": "Coordinates",
    "Peta": "Map",
    "Buka peta lokasi {site}": "Open the map of {site}",
    # views.py
    "Anda sudah memiliki jadwal vaksinasi.": "You already have a vaccination appointment.",
    "Slot ini tidak dapat Anda pesan.": "You cannot book this slot.",
    "Jadwal vaksinasi Anda telah dipesan.": "Your vaccination appointment is booked.",
    # The age groups (eligibility.py)
    "Tanggal lahir tidak diketahui": "Date of birth unknown",
    "Lansia (prioritas)": "Older people (first in line)",
    "Dewasa": "Adults",
    "Anak dan remaja": "Children and teenagers",
}
