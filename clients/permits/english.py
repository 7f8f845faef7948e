"""The English of the permits office's pages, keyed by their Indonesian (clients/common/language.py).

The permits it issues and an application's status are its own data, in Indonesian;
their English is here too, so a page in English names them in English.
"""

ENGLISH = {
    # permits/home.html
    "Perizinan usaha DKI Jakarta": "Jakarta business permits",
    "Ajukan izin usaha secara daring. Masuk dengan JAKI ID, dan data diri yang Anda setujui untuk dibagikan "
    "akan terisi otomatis pada formulir.": (
        "Apply for a business permit online. Sign in with JAKI ID, and the personal details you agree to share "
        "fill in the form for you."
    ),
    "Ajukan permohonan izin": "Apply for a permit",
    "Permohonan Anda": "Your applications",
    "Nomor": "Number",
    "Izin": "Permit",
    "Usaha": "Business",
    "Status": "Status",
    "Anda belum mengajukan permohonan.": "You have not applied for anything yet.",
    "Izin yang dapat diajukan": "Permits you can apply for",
    "Selesai dalam 1 hari kerja.": "Decided within 1 working day.",
    "Selesai dalam {days} hari kerja.": "Decided within {days} working days.",
    # permits/application_form.html
    "Formulir permohonan": "Application form",
    "Formulir permohonan izin": "Permit application form",
    "Dari JAKI ID. Ubah data ini di akun JAKI ID Anda.": "From JAKI ID. Change it in your JAKI ID account.",
    "Data pemohon": "The applicant",
    "Nama lengkap": "Full name",
    "Nomor telepon": "Phone number",
    "Tanggal lahir": "Date of birth",
    "Alamat tempat tinggal": "Home address",
    "Data usaha": "The business",
    "Jenis izin": "Permit",
    "Nama usaha": "Business name",
    "Alamat usaha": "Business address",
    "Kegiatan usaha": "What the business does",
    "Ajukan permohonan": "Send the application",
    # permits/application.html
    "Permohonan {reference}": "Application {reference}",
    "Pemohon": "Applicant",
    "Alamat": "Address",
    # views.py
    "Lengkapi semua isian yang wajib.": "Please fill in every required field.",
    "Permohonan {reference} telah diajukan.": "Application {reference} has been sent.",
    # The permits on offer (demo.py) and an application's status (models.py)
    "Nomor Induk Berusaha (NIB)": "Business Identification Number (NIB)",
    "Identitas pelaku usaha untuk usaha mikro dan kecil.": "The business identity for micro and small businesses.",
    "Izin Usaha Mikro Kecil (IUMK)": "Micro and Small Business Permit (IUMK)",
    "Izin untuk usaha rumahan, warung dan pedagang kecil.": (
        "A permit for home businesses, food stalls and small traders."
    ),
    "Izin Usaha Restoran": "Restaurant Business Permit",
    "Izin usaha rumah makan, kafe dan restoran.": "A business permit for eateries, cafés and restaurants.",
    "Persetujuan Bangunan Gedung (PBG)": "Building Approval (PBG)",
    "Persetujuan untuk membangun, mengubah atau merawat bangunan usaha.": (
        "Approval to build, alter or maintain a business building."
    ),
    "Diajukan": "Submitted",
}
