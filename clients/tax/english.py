"""The English of the tax office's pages, keyed by their Indonesian (clients/common/language.py)."""

ENGLISH = {
    "Pajak daerah DKI Jakarta": "Jakarta regional taxes",
    "Lihat kendaraan (PKB) dan tanah serta bangunan (PBB) atas nama Anda, lalu lihat dan bayar tagihannya. "
    "Untuk melihat atau membayar tagihan, JAKI ID akan meminta verifikasi tambahan.": (
        "See the vehicles (PKB) and the land and buildings (PBB) in your name, then see and pay their bills. "
        "To see or pay a bill, JAKI ID asks for an extra verification."
    ),
    "Objek pajak atas nama {name}": "Taxable property in the name of {name}",
    "Tagihan {reference}": "Bills for {reference}",
    "Tahun": "Year",
    "Jatuh tempo": "Due",
    "Status": "Status",
    "Tagihan": "Bill",
    "Lunas": "Paid",
    "Belum dibayar": "Not paid",
    "Lihat tagihan {kind} {year}": "See the {kind} bill for {year}",
    "Data wajib pajak tidak ditemukan": "No taxpayer record found",
    "Kami mencari data Anda berdasarkan NIK bila JAKI ID membagikannya, atau berdasarkan nama lengkap dan "
    "tanggal lahir. Tidak ada satu pun wajib pajak yang cocok.": (
        "We look you up by your NIK when JAKI ID shares it, or else by full name and date of birth. No taxpayer "
        "matched."
    ),
    "Tagihan {code}": "Bill {code}",
    "Tagihan {kind} {year}": "{kind} bill for {year}",
    "Objek pajak": "Taxable property",
    "Jumlah": "Amount",
    "Kode bayar": "Payment code",
    "Bayar {amount}": "Pay {amount}",
    "Ditampilkan karena JAKI ID memverifikasi Anda pada tingkat": "Shown because JAKI ID verified you at level",
    "Kembali ke daftar objek pajak": "Back to your taxable property",
    "Verifikasi tambahan diperlukan": "Extra verification needed",
    "Untuk melihat atau membayar tagihan {kind} {year}, kami meminta JAKI ID memverifikasi Anda pada tingkat "
    "yang lebih tinggi.": "To see or pay the {kind} bill for {year}, we asked JAKI ID to verify you at a higher level.",
    "JAKI ID belum dapat memberikan tingkat verifikasi tersebut, jadi tagihan belum dapat ditampilkan.": (
        "JAKI ID could not give that level of verification yet, so the bill cannot be shown."
    ),
    "Coba verifikasi lagi": "Try the verification again",
    "Kembali": "Back",
    "Diminta": "Asked for",
    "Diterima": "Received",
    "tidak ada": "none",
    "Tagihan {code} telah dibayar.": "Bill {code} is paid.",
}
