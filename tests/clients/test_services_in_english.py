"""Issue 13: the permits, vaccination and complaints pages speak the citizen's language whole.

In English no Indonesian is left on a page (headings, labels, buttons, the permits on offer,
statuses, categories, the messages after a form), and in Indonesian no English; a few key
phrases per page stand for the rest. Every text the pages and views write has its English.
"""

import re
from pathlib import Path

import pytest

from clients.common.english import ENGLISH
from clients.complaints.english import ENGLISH as COMPLAINTS_ENGLISH
from clients.permits.english import ENGLISH as PERMITS_ENGLISH
from clients.vaccination.english import ENGLISH as VACCINATION_ENGLISH
from tests.clients.signin_helpers import post_form, sign_in

OWN_ENGLISH = {"permits": PERMITS_ENGLISH, "vaccination": VACCINATION_ENGLISH, "complaints": COMPLAINTS_ENGLISH}
BUSINESS = {
    "permit_type": "IUMK",
    "business_name": "Warung Kopi Cikini",
    "business_address": "Jl. Cikini Raya No. 12, Menteng",
    "business_activity": "Kedai kopi",
}


def signed_in(make_app, service, language):
    http = make_app(service).test_client()
    http.get(f"/?lang={language}")
    sign_in(http)
    return http


def page(http, path):
    response = http.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def assert_speaks(html, shown, not_shown):
    missing = [phrase for phrase in shown if phrase not in html]
    left_over = [phrase for phrase in not_shown if phrase in html]
    assert (missing, left_over) == ([], [])


@pytest.mark.parametrize("service", sorted(OWN_ENGLISH))
def test_every_text_of_the_service_has_its_english(service):
    folder = Path("clients") / service
    texts = set()
    for path in [*folder.glob("templates/*/*.html"), folder / "views.py"]:
        texts |= set(re.findall(r'(?<![\w.])t\(\s*"([^"]+)"', path.read_text()))
        texts |= set(re.findall(r"(?<![\w.])t\(\s*'([^']+)'", path.read_text()))
    assert texts - ENGLISH.keys() - OWN_ENGLISH[service].keys() == set()


# --- Permits ----------------------------------------------------------------------------

PERMITS_HOME = (
    ("Perizinan usaha DKI Jakarta", "Jakarta business permits"),
    ("Izin yang dapat diajukan", "Permits you can apply for"),
    ("Izin Usaha Mikro Kecil (IUMK)", "Micro and Small Business Permit (IUMK)"),
    ("Izin untuk usaha rumahan, warung dan pedagang kecil.", "A permit for home businesses, food stalls"),
    ("hari kerja", "working days"),
    ("Anda belum mengajukan permohonan.", "You have not applied for anything yet."),
)
PERMITS_FORM = (
    ("Formulir permohonan izin", "Permit application form"),
    ("Data pemohon", "The applicant"),
    ("Dari JAKI ID. Ubah data ini di akun JAKI ID Anda.", "From JAKI ID. Change it in your JAKI ID account."),
    (">Nama usaha<", ">Business name<"),
    (">Kegiatan usaha<", ">What the business does<"),
    (">Ajukan permohonan<", ">Send the application<"),
)
PERMITS_APPLICATION = (
    ("telah diajukan", "has been sent"),
    (">Jenis izin<", ">Permit<"),
    (">Diajukan<", ">Submitted<"),
    (">Alamat usaha<", ">Business address<"),
    ("Kembali ke beranda", "Back to the home page"),
)
PERMITS_REFUSED = (
    ("Lengkapi semua isian yang wajib.", "Please fill in every required field."),
    (">Data usaha<", ">The business<"),
)


def phrases(pairs, language):
    indonesian, english = zip(*pairs, strict=True)
    return (english, indonesian) if language == "en" else (indonesian, english)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_permits_home_page_speaks_one_language(make_app, language):
    http = signed_in(make_app, "permits", language)
    assert_speaks(page(http, "/"), *phrases(PERMITS_HOME, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_permit_form_speaks_one_language(make_app, language):
    http = signed_in(make_app, "permits", language)
    assert_speaks(page(http, "/applications/new"), *phrases(PERMITS_FORM, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_sent_application_speaks_one_language(make_app, language):
    http = signed_in(make_app, "permits", language)
    sent = post_form(http, "/applications", {**BUSINESS, "submission_id": "form-1"})
    assert sent.status_code == 302
    assert_speaks(page(http, sent.headers["Location"]), *phrases(PERMITS_APPLICATION, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_an_incomplete_permit_form_is_refused_in_one_language(make_app, language):
    http = signed_in(make_app, "permits", language)
    refused = post_form(http, "/applications", {**BUSINESS, "business_name": ""})
    assert refused.status_code == 400
    assert_speaks(refused.get_data(as_text=True), *phrases(PERMITS_REFUSED, language))


# --- Vaccination ------------------------------------------------------------------------

VACCINATION_HOME = (
    ("Vaksinasi dewasa DKI Jakarta", "Adult vaccination in Jakarta"),
    ("Kelayakan dan jadwal Anda", "Whether and when you can book"),
    (">Dewasa<", ">Adults<"),
    ("Anda dapat memesan slot mulai", "You can book a slot from"),
    ("Lokasi vaksinasi", "Vaccination sites"),
    (">Telepon<", ">Phone<"),
    ("Buka peta lokasi", "Open the map of"),
)
VACCINATION_SITE = (
    ("Slot vaksinasi", "Vaccination slots"),
    (">Tanggal<", ">Date<"),
    (">Jam<", ">Time<"),
    (">Pesan<", ">Book<"),
    (" pukul ", " at "),
    (">Koordinat<", ">Coordinates<"),
)
VACCINATION_BOOKED = (
    ("Jadwal vaksinasi Anda telah dipesan.", "Your vaccination appointment is booked."),
    ("Nomor pendaftaran", "Booking number"),
    (" pukul ", " at "),
)
VACCINATION_SITE_BOOKED = (
    ("Anda sudah memiliki jadwal:", "You already have an appointment:"),
    ("Lihat jadwal", "See your appointment"),
)


def first_bookable_slot(html):
    return re.search(r'name="slot_id" value="(\d+)"', html).group(1)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_vaccination_home_page_speaks_one_language(make_app, language):
    http = signed_in(make_app, "vaccination", language)
    assert_speaks(page(http, "/"), *phrases(VACCINATION_HOME, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_vaccination_site_speaks_one_language(make_app, language):
    http = signed_in(make_app, "vaccination", language)
    assert_speaks(page(http, "/sites/1"), *phrases(VACCINATION_SITE, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_booking_speaks_one_language(make_app, language):
    http = signed_in(make_app, "vaccination", language)
    booked = post_form(http, "/bookings", {"slot_id": first_bookable_slot(page(http, "/sites/1"))})
    assert booked.status_code == 302
    assert_speaks(page(http, booked.headers["Location"]), *phrases(VACCINATION_BOOKED, language))
    assert_speaks(page(http, "/sites/1"), *phrases(VACCINATION_SITE_BOOKED, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_slot_that_cannot_be_booked_is_refused_in_one_language(make_app, language):
    http = signed_in(make_app, "vaccination", language)
    slot = first_bookable_slot(page(http, "/sites/1"))
    post_form(http, "/bookings", {"slot_id": slot})
    again = post_form(http, "/bookings", {"slot_id": slot})
    pairs = (("Anda sudah memiliki jadwal vaksinasi.", "You already have a vaccination appointment."),)
    assert_speaks(page(http, again.headers["Location"]), *phrases(pairs, language))


# --- Complaints -------------------------------------------------------------------------

COMPLAINTS_HOME = (
    ("Jaklapor — laporkan masalah di sekitar Anda", "Jaklapor — report a problem near you"),
    ("Laporan Anda disimpan tanpa nama dan nomor telepon.", "Your report is kept without your name or phone number."),
    (">Kategori<", ">Category<"),
    (">Banjir atau genangan<", ">Flood or standing water<"),
    ("Nama jalan dan patokan terdekat.", "The street name and the nearest landmark."),
    (">Kirim laporan<", ">Send the report<"),
    ("Anda belum membuat laporan.", "You have not made a report yet."),
    ("Laporan terbaru", "Latest reports"),
    (">Ditindaklanjuti<", ">Being handled<"),
)
REPORT = {"category": "Pohon tumbang", "location": "Jl. Pemuda", "description": "Pohon tumbang menutup jalan."}


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_complaints_page_speaks_one_language(make_app, language):
    http = signed_in(make_app, "complaints", language)
    assert_speaks(page(http, "/"), *phrases(COMPLAINTS_HOME, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_sent_report_speaks_one_language(make_app, language):
    http = signed_in(make_app, "complaints", language)
    sent = post_form(http, "/reports", REPORT)
    pairs = (
        ("Laporan Anda telah diterima dengan nomor JL-", "Your report was received as number JL-"),
        (">Pohon tumbang<", ">Fallen tree<"),
        (">Diterima<", ">Received<"),
    )
    assert_speaks(page(http, sent.headers["Location"]), *phrases(pairs, language))


@pytest.mark.parametrize("language", ["en", "id"])
def test_an_incomplete_report_is_refused_in_one_language(make_app, language):
    http = signed_in(make_app, "complaints", language)
    refused = post_form(http, "/reports", {**REPORT, "location": " "})
    pairs = (
        ("Lengkapi kategori, lokasi dan uraian laporan.", "Please fill in the category, location and description."),
    )
    assert_speaks(page(http, refused.headers["Location"]), *phrases(pairs, language))


def test_a_report_is_stored_under_its_indonesian_category_whatever_the_language(make_app):
    http = signed_in(make_app, "complaints", "en")
    html = page(http, "/")
    assert '<option value="Pohon tumbang">Fallen tree</option>' in html
