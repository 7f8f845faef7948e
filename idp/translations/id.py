"""Bahasa Indonesia: the default language of every page and SMS."""

MESSAGES = {
    # Pages
    "About you": "Tentang Anda",
    "Allow": "Izinkan",
    "Continue": "Lanjutkan",
    "Date of birth": "Tanggal lahir",
    "Deny": "Tolak",
    "Enter the code": "Masukkan kode",
    "Full name": "Nama lengkap",
    "Phone number": "Nomor ponsel",
    "Send code": "Kirim kode",
    "Share with {service}?": "Bagikan ke {service}?",
    "Sign in": "Masuk",
    "Sign in to a city service with JAKI ID to use it without a new account.":
        "Masuk ke layanan kota dengan JAKI ID untuk memakainya tanpa membuat akun baru.",
    "Sign out": "Keluar",
    "Sign out of JAKI ID?": "Keluar dari JAKI ID?",
    "The single digital identity for the citizens of Jakarta.": "Identitas digital tunggal warga Jakarta.",
    "Verification code": "Kode verifikasi",
    "Verify": "Verifikasi",
    "We sent a 6-digit code to {phone}.": "Kami mengirim kode 6 angka ke {phone}.",
    "We will send a one-time code by SMS to your mobile number.":
        "Kami akan mengirim kode sekali pakai lewat SMS ke nomor ponsel Anda.",
    "Wrong number?": "Nomor salah?",
    "You are signed in as {phone}.": "Anda masuk sebagai {phone}.",
    "You are signed out": "Anda sudah keluar",
    "You can close this page.": "Anda dapat menutup halaman ini.",
    "You can see and withdraw this later in your JAKI ID account.":
        "Anda dapat melihat dan mencabut izin ini nanti di akun JAKI ID Anda.",
    "You will be signed out of every city service that uses JAKI ID in this browser.":
        "Anda akan keluar dari semua layanan kota yang memakai JAKI ID di peramban ini.",
    "Your number is verified. Tell us your name and date of birth once; city services ask for them only with your consent.":
        "Nomor Anda sudah terverifikasi. Isi nama dan tanggal lahir Anda sekali saja; "
        "layanan kota hanya menerimanya dengan persetujuan Anda.",
    "{service} asks to receive:": "{service} meminta untuk menerima:",
    # Consent: what each scope releases
    "A pseudonymous identifier for you, different for every agency":
        "Pengenal samaran Anda, berbeda untuk setiap instansi",
    "Your name and date of birth": "Nama dan tanggal lahir Anda",
    "Your verified phone number": "Nomor ponsel Anda yang terverifikasi",
    # Form errors
    "Enter your mobile phone number.": "Masukkan nomor ponsel Anda.",
    "That is not a valid phone number.": "Itu bukan nomor telepon yang valid.",
    "Use a mobile number that can receive SMS; landlines cannot.":
        "Gunakan nomor ponsel yang dapat menerima SMS; telepon rumah tidak bisa.",
    "That code is not correct. Check the SMS and try again.": "Kode salah. Periksa SMS dan coba lagi.",
    "The code has expired. Ask for a new code.": "Kode sudah kedaluwarsa. Minta kode baru.",
    "This code request is no longer valid. Ask for a new code.":
        "Permintaan kode ini sudah tidak berlaku. Minta kode baru.",
    "Too many wrong codes. Ask for a new code.": "Terlalu banyak kode salah. Minta kode baru.",
    "Enter your full name.": "Masukkan nama lengkap Anda.",
    "Enter a real date of birth.": "Masukkan tanggal lahir yang benar.",
    "Enter your date of birth as YYYY-MM-DD.": "Masukkan tanggal lahir dengan format TTTT-BB-HH.",
    # Error pages
    "Invalid request": "Permintaan tidak valid",
    "Choose Allow or Deny.": "Pilih Izinkan atau Tolak.",
    "The return address is not registered for this service.":
        "Alamat kembali tidak terdaftar untuk layanan ini.",
    "The service did not say where to return (redirect_uri is missing).":
        "Layanan tidak menyebutkan alamat kembali (redirect_uri tidak ada).",
    "The service did not say who it is (client_id is missing).":
        "Layanan tidak menyebutkan identitasnya (client_id tidak ada).",
    "The service sent a parameter more than once.": "Layanan mengirim satu parameter lebih dari sekali.",
    "Not allowed": "Tidak diizinkan",
    "This page does not accept that kind of request.": "Halaman ini tidak menerima permintaan seperti itu.",
    "Page not found": "Halaman tidak ditemukan",
    "The address you opened does not exist.": "Alamat yang Anda buka tidak ada.",
    "Sign-out link not valid": "Tautan keluar tidak valid",
    "The service must identify itself to be sent back after sign-out.":
        "Layanan harus menyebutkan identitasnya agar Anda dikembalikan setelah keluar.",
    "The service sent a sign-out request we cannot verify.":
        "Layanan mengirim permintaan keluar yang tidak dapat kami verifikasi.",
    "The sign-out request names two different services.": "Permintaan keluar menyebut dua layanan berbeda.",
    "Something went wrong": "Terjadi kesalahan",
    "Please try again in a moment.": "Silakan coba lagi sebentar lagi.",
    "This sign-in has expired": "Proses masuk ini sudah kedaluwarsa",
    "Go back to the service you came from and start again.":
        "Kembali ke layanan asal Anda dan mulai lagi.",
    "Unknown service": "Layanan tidak dikenal",
    "This service is not registered with JAKI ID.": "Layanan ini tidak terdaftar di JAKI ID.",
    "Go back to the service you came from and sign in again.":
        "Kembali ke layanan asal Anda dan masuk lagi.",
    "This form has expired": "Formulir ini sudah kedaluwarsa",
    "Go back, reload the page and try again.": "Kembali, muat ulang halaman, lalu coba lagi.",
    # SMS
    "{code} is your {service} code. Never share this code with anyone.":
        "{code} adalah kode {service} Anda. Jangan pernah berikan kode ini kepada siapa pun.",
    # Account
    "Your account": "Akun Anda",
    "Services": "Layanan",
    "Signed-in devices": "Perangkat yang masuk",
    "Your data": "Data Anda",
    "Change your name or date of birth": "Ubah nama atau tanggal lahir Anda",
    "Save": "Simpan",
    "Unknown browser": "Peramban tidak dikenal",
    "this device": "perangkat ini",
    "IP address": "Alamat IP",
    "Signed in": "Masuk",
    "Last seen": "Terakhir aktif",
    "Sign out this device": "Keluarkan perangkat ini",
    "Sign out everywhere": "Keluar dari semua perangkat",
    "These city services may receive information about you. Withdraw your consent to stop them.":
        "Layanan kota ini boleh menerima informasi tentang Anda. Cabut persetujuan untuk menghentikannya.",
    "You have not allowed any service yet.": "Anda belum mengizinkan layanan apa pun.",
    "Allowed on {date}": "Diizinkan pada {date}",
    "Withdraw consent": "Cabut persetujuan",
    "Download everything JAKI ID holds about you: your profile, the services you allowed, your sign-ins and which services received access.":
        "Unduh semua yang disimpan JAKI ID tentang Anda: profil, layanan yang Anda izinkan, riwayat masuk, "
        "dan layanan yang menerima akses.",
    "Download your data (JSON)": "Unduh data Anda (JSON)",
    "Sign in to your account": "Masuk ke akun Anda",
    # Staff
    "Staff sign-in": "Masuk petugas",
    "This page is for city staff. Citizens sign in through the city service they are using.":
        "Halaman ini untuk petugas Pemprov DKI. Warga masuk melalui layanan kota yang sedang digunakan.",
    "Username": "Nama pengguna",
    "Password": "Kata sandi",
    "Enter your username and password.": "Masukkan nama pengguna dan kata sandi Anda.",
    "The username or password is not correct.": "Nama pengguna atau kata sandi salah.",
    "Too many attempts. Try again in {minutes} minutes.": "Terlalu banyak percobaan. Coba lagi dalam {minutes} menit.",
    "Authentication code": "Kode autentikasi",
    "Enter the 6-digit code from your authenticator app.": "Masukkan kode 6 digit dari aplikasi autentikator Anda.",
    "That code is not correct or was already used. Enter the newest code from your app.":
        "Kode itu salah atau sudah dipakai. Masukkan kode terbaru dari aplikasi Anda.",
    "Start again": "Mulai lagi",
    "Staff": "Petugas",
    "Signed in as {username}.": "Masuk sebagai {username}.",
    "Role: {role}": "Peran: {role}",
    "Operator": "Operator",
    "Auditor": "Auditor",
    "You will be signed out after {minutes} minutes without activity.":
        "Anda akan dikeluarkan otomatis setelah {minutes} menit tanpa aktivitas.",
    "Your staff role does not give access to this page.": "Peran petugas Anda tidak memberi akses ke halaman ini.",
    # Second factor
    "Authenticator app": "Aplikasi autentikator",
    "This service needs a second proof that it is you. Enter the code from your authenticator app, or one of your recovery codes.":
        "Layanan ini memerlukan bukti kedua bahwa ini memang Anda. Masukkan kode dari aplikasi autentikator, "
        "atau salah satu kode pemulihan Anda.",
    "That code is not correct. Enter the current code from your authenticator app.":
        "Kode salah. Masukkan kode yang sedang tampil di aplikasi autentikator Anda.",
    "Set up an authenticator app": "Pasang aplikasi autentikator",
    "This service needs a second proof that it is you: a code from an authenticator app on your phone. It takes about two minutes.":
        "Layanan ini memerlukan bukti kedua bahwa ini memang Anda: kode dari aplikasi autentikator di ponsel Anda. "
        "Pemasangannya sekitar dua menit.",
    "Set up authenticator": "Pasang autentikator",
    "Not now": "Nanti saja",
    "Your authenticator app is turned off.": "Aplikasi autentikator Anda sudah dimatikan.",
    "Your authenticator app is on. Recovery codes left: {count}.":
        "Aplikasi autentikator Anda aktif. Sisa kode pemulihan: {count}.",
    "Turn off": "Matikan",
    "Add a second proof that it is you: a code from an authenticator app on your phone. Some services ask for it.":
        "Tambahkan bukti kedua bahwa ini memang Anda: kode dari aplikasi autentikator di ponsel Anda. "
        "Beberapa layanan memintanya.",
    "Open your authenticator app and scan this code.": "Buka aplikasi autentikator Anda dan pindai kode ini.",
    "Or type this key into the app:": "Atau ketik kunci ini di aplikasi:",
    "Enter the 6-digit code the app shows.": "Masukkan kode 6 angka yang tampil di aplikasi.",
    "QR code for your authenticator app": "Kode QR untuk aplikasi autentikator Anda",
    "Your recovery codes": "Kode pemulihan Anda",
    "Your authenticator app is on.": "Aplikasi autentikator Anda aktif.",
    "If you lose your phone, each of these codes works once instead of the app. Write them down and keep them safe: they are shown only now.":
        "Jika ponsel Anda hilang, setiap kode ini dapat dipakai sekali sebagai pengganti aplikasi. "
        "Catat dan simpan baik-baik: kode ini hanya ditampilkan sekarang.",
    # OTP limits and SMS
    "No SMS yet?": "Belum menerima SMS?",
    "No SMS yet? You can ask for a new code in {wait}.":
        "Belum menerima SMS? Anda dapat meminta kode baru dalam {wait}.",
    "Send a new code": "Kirim kode baru",
    "You can ask for a new code in {wait}.": "Anda dapat meminta kode baru dalam {wait}.",
    "We cannot send codes right now. Please try again later.":
        "Kami belum dapat mengirim kode saat ini. Silakan coba lagi nanti.",
    "We could not send the SMS. Please try again in a moment.":
        "SMS tidak terkirim. Silakan coba lagi sebentar lagi.",
    # Sign-in with an authenticator
    "You set up an authenticator app. Enter the code it shows, or one of your recovery codes.":
        "Anda sudah memasang aplikasi autentikator. Masukkan kode yang ditampilkannya, atau salah satu kode pemulihan Anda.",
    # Phone change
    "Change phone number": "Ubah nomor ponsel",
    "Change your phone number": "Ubah nomor ponsel Anda",
    "You sign in with your phone number. To change it, first prove that it is you, then enter the new number and the code we send to it.":
        "Anda masuk dengan nomor ponsel Anda. Untuk mengubahnya, buktikan dulu bahwa ini memang Anda, "
        "lalu masukkan nomor baru dan kode yang kami kirim ke nomor itu.",
    "When the number has changed, we tell your current number by SMS and sign you out on every other device.":
        "Setelah nomor berubah, kami memberi tahu nomor Anda yang sekarang lewat SMS "
        "dan mengeluarkan Anda dari semua perangkat lain.",
    "More than {minutes} minutes have passed since you proved that it is you. Please prove it again.":
        "Sudah lebih dari {minutes} menit sejak Anda membuktikan bahwa ini memang Anda. Silakan buktikan lagi.",
    "Prove that it is you": "Buktikan bahwa ini memang Anda",
    "Enter the code from your authenticator app, or one of your recovery codes.":
        "Masukkan kode dari aplikasi autentikator Anda, atau salah satu kode pemulihan Anda.",
    "Or get a code by SMS instead.": "Atau minta kode lewat SMS.",
    "We will send a code to your current number, {phone}.": "Kami akan mengirim kode ke nomor Anda yang sekarang, {phone}.",
    "No longer have your current number? Contact {contact}.": "Nomor yang sekarang sudah tidak Anda pakai? Hubungi {contact}.",
    "Check your new number": "Periksa nomor baru Anda",
    "Your new phone number": "Nomor ponsel baru Anda",
    "We will send a code to the new number to check that it is yours.":
        "Kami akan mengirim kode ke nomor baru untuk memastikan nomor itu milik Anda.",
    "New phone number": "Nomor ponsel baru",
    "That is already your phone number. Enter the new one.": "Itu sudah nomor ponsel Anda. Masukkan nomor yang baru.",
    "That number already has its own JAKI ID account, so it cannot be moved to this one. Sign in with that number to use that account, or enter another number.":
        "Nomor itu sudah memiliki akun JAKI ID sendiri, jadi tidak dapat dipindahkan ke akun ini. "
        "Masuk dengan nomor itu untuk memakai akun tersebut, atau masukkan nomor lain.",
    "Your phone number has changed": "Nomor ponsel Anda sudah diubah",
    "From now on, sign in with {phone}.": "Mulai sekarang, masuk dengan {phone}.",
    "We sent an SMS about the change to your old number and signed you out on your other devices.":
        "Kami mengirim SMS tentang perubahan ini ke nomor lama Anda dan mengeluarkan Anda dari perangkat lain.",
    "Back to your account": "Kembali ke akun Anda",
    "Your {service} number was changed to {phone}. If this wasn't you, contact {contact} right away.":
        "Nomor {service} Anda telah diganti menjadi {phone}. Jika ini bukan Anda, segera hubungi {contact}.",
    # Second-factor limits
    "Too many wrong codes": "Terlalu banyak kode salah",
    "Too many wrong codes. Try again in {wait}.": "Terlalu banyak kode salah. Coba lagi dalam {wait}.",
}
