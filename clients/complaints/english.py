"""The English of Jaklapor's pages, keyed by their Indonesian (clients/common/language.py).

The report categories and statuses (models.py, demo.py) are its own words, in Indonesian;
their English is here too. What a citizen wrote in a report stays as they wrote it.
"""

ENGLISH = {
    # complaints/home.html
    "Jaklapor — laporkan masalah di sekitar Anda": "Jaklapor — report a problem near you",
    "Laporan Anda disimpan tanpa nama dan nomor telepon. Jaklapor hanya menerima pengenal samaran dari JAKI ID "
    "yang khusus untuk Jaklapor, sehingga petugas tidak dapat mengetahui siapa Anda atau mengaitkan Anda dengan "
    "layanan lain.": (
        "Your report is kept without your name or phone number. Jaklapor receives from JAKI ID only a pseudonym "
        "made for Jaklapor alone, so its staff cannot find out who you are or link you to any other service."
    ),
    "Buat laporan": "Make a report",
    "Kategori": "Category",
    "Lokasi": "Location",
    "Nama jalan dan patokan terdekat.": "The street name and the nearest landmark.",
    "Uraian": "Description",
    "Kirim laporan": "Send the report",
    "Laporan Anda": "Your reports",
    "Nomor": "Number",
    "Status": "Status",
    "Anda belum membuat laporan.": "You have not made a report yet.",
    "Laporan terbaru": "Latest reports",
    "Tanggal": "Date",
    # views.py
    "Lengkapi kategori, lokasi dan uraian laporan.": "Please fill in the category, location and description.",
    "Laporan Anda telah diterima dengan nomor {reference}.": "Your report was received as number {reference}.",
    # The categories (models.py) and statuses of a report
    "Jalan rusak": "Damaged road",
    "Banjir atau genangan": "Flood or standing water",
    "Sampah menumpuk": "Rubbish piling up",
    "Lampu jalan mati": "Street light out",
    "Pohon tumbang": "Fallen tree",
    "Parkir liar": "Illegal parking",
    "Diterima": "Received",
    "Ditindaklanjuti": "Being handled",
    "Selesai": "Resolved",
}
