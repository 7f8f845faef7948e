"""The English of the services' texts, keyed by their Indonesian (clients/common/language.py).

A text missing here shows in Indonesian; tests/clients/test_language.py checks that every
t("…") in the shared templates has its English.
"""

ENGLISH = {
    # common/base.html
    "Lewati ke konten": "Skip to content",
    "Bahasa": "Language",
    "Masuk sebagai": "Signed in as",
    "warga JAKI": "JAKI citizen",
    "Keluar": "Sign out",
    "Masuk dengan JAKI": "Sign in with JAKI",
    "Layanan lain": "Other services",
    "Layanan lain dengan JAKI ID:": "Other services with JAKI ID:",
    "Layanan contoh Pemerintah Provinsi DKI Jakarta. Data pada layanan ini adalah data contoh.": (
        "A sample service of the Jakarta provincial government. Its data are sample data."
    ),
    # common/claims.html
    "Detail teknis: data yang diterima dari JAKI ID": "Technical details: the data received from JAKI ID",
    "Cakupan yang Anda setujui:": "The scopes you allowed:",
    "Klaim": "Claim",
    "Nilai": "Value",
    "Dari UserInfo": "From UserInfo",
    "Dari ID token": "From the ID token",
    # common/sign_in_error.html
    "Gagal masuk": "Sign-in failed",
    "Izin tidak diberikan": "Permission not given",
    "Anda tidak mengizinkan {service} menerima data Anda dari JAKI ID, jadi tidak ada data yang dibagikan "
    "dan Anda belum masuk.": (
        "You did not allow {service} to receive your data from JAKI ID, so nothing was shared and you are "
        "not signed in."
    ),
    "Verifikasi tambahan belum selesai": "The extra verification was not completed",
    "{service} meminta JAKI ID memverifikasi Anda pada tingkat yang lebih tinggi, dan verifikasi itu belum "
    "dilakukan. Anda tetap masuk pada tingkat sebelumnya.": (
        "{service} asked JAKI ID to verify you at a higher level, and that verification was not done. You "
        "stay signed in at the level you had."
    ),
    "Proses masuk kedaluwarsa": "The sign-in expired",
    "Proses masuk ini tidak dimulai dari browser ini atau sudah kedaluwarsa. Silakan coba lagi.": (
        "This sign-in was not started in this browser, or it expired. Please try again."
    ),
    "JAKI ID tidak dapat dihubungi": "JAKI ID cannot be reached",
    "Coba lagi beberapa saat lagi.": "Please try again in a moment.",
    "Jawaban JAKI ID tidak dapat diverifikasi": "JAKI ID's answer could not be verified",
    "Demi keamanan Anda, proses masuk dihentikan. Silakan coba lagi.": (
        "For your safety the sign-in was stopped. Please try again."
    ),
    "Proses masuk tidak berhasil": "The sign-in did not succeed",
    "JAKI ID tidak dapat menyelesaikan proses masuk. Silakan coba lagi.": (
        "JAKI ID could not complete the sign-in. Please try again."
    ),
    "Kembali ke beranda": "Back to the home page",
    "Detail teknis": "Technical details",
    "Kode kesalahan:": "Error code:",
    "Tingkat verifikasi yang diminta": "The verification level asked for",
    "Keterangan dari JAKI ID:": "JAKI ID's description:",
    # common/signed_out.html
    "Anda telah keluar": "You are signed out",
    "Anda telah keluar dari {service} dan sesi JAKI ID Anda telah diakhiri.": (
        "You are signed out of {service}, and your JAKI ID session has ended."
    ),
    "Anda telah keluar dari {service}. Sesi JAKI ID Anda mungkin masih aktif.": (
        "You are signed out of {service}. Your JAKI ID session may still be active."
    ),
}
