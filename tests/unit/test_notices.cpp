// Notices as people paste them: recognised by what they say in any language the KB speaks
// (kb/notices.json, the reasons' phrases), the recipient taken where the text names it, and
// messages about delivery that are not failures given their own status. Texts written for these
// tests in the providers' and MTAs' usual wording (example.com addresses).
#include <catch2/catch.hpp>

#include <string>

#include "bx/explain.hpp"

namespace {

struct Outcome {
  std::string status, recipient, reason, action, tier, basis;
};

Outcome read(const std::string& text) {
  bx::Report r = bx::explain(text);
  Outcome o{bx::to_string(r.status), "", "", "", "", ""};
  if (!r.records.empty()) {
    const bx::Record& rec = r.records.front();
    o.recipient = rec.recipient;
    o.reason = rec.reason;
    o.action = rec.action;
    o.tier = rec.confidence_tier;
    o.basis = rec.confidence_basis;
  }
  return o;
}

}  // namespace

TEST_CASE("a notice that does not say why is a bounce whose cause is not stated", "[notices]") {
  Outcome o = read("Your message wasn't delivered because the recipient's email provider rejected it.\n");
  CHECK(o.status == "bounce");
  CHECK(o.reason == "undefined");
  CHECK(o.tier == "best_guess");
  CHECK(o.basis == "the notice does not say why");
}

TEST_CASE("the recipient is taken where the notice names it", "[notices]") {
  Outcome outlook = read("Your message to bob@example.com couldn't be delivered.\nbob wasn't found at example.com.\n");
  CHECK(outlook.recipient == "bob@example.com");
  CHECK(outlook.reason == "userunknown");
  Outcome exchange = read("Delivery has failed to these recipients or groups:\n\nCarol Example (carol@example.net)\n"
                          "The email address you entered couldn't be found.\n");
  CHECK(exchange.recipient == "carol@example.net");
  // The sender quoted in the notice is not a recipient.
  Outcome quoted = read("From: Alice <alice@example.org>\nYour message to dave@example.com could not be delivered.\n");
  CHECK(quoted.recipient == "dave@example.com");
}

TEST_CASE("notices and key phrases in other languages", "[notices][i18n]") {
  CHECK(read("Die Nachricht an anna@example.de konnte nicht zugestellt werden: Postfach voll.\n").reason == "mailboxfull");
  CHECK(read("Postfach voll\n").reason == "mailboxfull");
  CHECK(read("Votre message n'a pas pu être remis à luc@example.fr : utilisateur inconnu.\n").reason == "userunknown");
  CHECK(read("宛先不明\n").reason == "userunknown");
  CHECK(read("ЯЩИК ПЕРЕПОЛНЕН\n").reason == "mailboxfull");  // capitals fold like the KB's small letters
  CHECK(read("发给 wang@example.cn 的邮件被退回：收件人域名不存在。\n").reason == "hostunknown");
  CHECK(read("发给 wang@example.cn 的邮件被退回：收件人域名不存在。\n").recipient == "wang@example.cn");
}

TEST_CASE("a reply repeated later with its words: the later one is the cause", "[notices]") {
  // Microsoft's new-style NDR gives the bare code first ("Status code:") and the whole reply
  // under "Error Details"; the whole reply names the cause, and its code is Microsoft's own.
  Outcome o = read("Your message to staff@example.org couldn't be delivered.\n\nMore Info for Email Admins\n"
                   "Status code: 550 5.7.133\n\nError Details\nError: 550 5.7.133 "
                   "RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required\n");
  CHECK(o.recipient == "staff@example.org");
  CHECK(o.reason == "rejected");
}

TEST_CASE("in a short paste, the sentence that says most decides, not the heading", "[notices]") {
  // Gmail's heading "Address not found" is the same for a wrong user and a wrong domain.
  CHECK(read("Address not found\n\nYour message wasn't delivered to li@examplle.com because the domain examplle.com "
             "couldn't be found. Check for typos or unnecessary spaces and try again.\n")
            .reason == "hostunknown");
  CHECK(read("Address not found\n\nYour message wasn't delivered to li@example.com because the address couldn't be "
             "found, or is unable to receive mail.\n")
            .reason == "userunknown");
}

TEST_CASE("a notice that the queue lifetime ran out makes a connection failure an expiry", "[notices]") {
  // Sendmail's final notice: the recipient's last error was a timeout, the notice says the
  // message is dropped from the queue. A name that never resolved stays a network error.
  const std::string head = "   ----- The following addresses had permanent fatal errors -----\n<lab@example.org>\n\n"
                           "   ----- Transcript of session follows -----\n";
  const std::string tail = "Message could not be delivered for 5 days\nMessage will be deleted from queue\n";
  CHECK(read(head + "<lab@example.org>... Deferred: Connection timed out with mx.example.org.\n" + tail).reason == "expired");
  CHECK(read(head + "<lab@example.org>... Deferred: Name server: example.org.: host name lookup failure\n" + tail).reason ==
        "networkerror");
}

TEST_CASE("a reply that refuses the sender names the sender, not the recipient", "[notices]") {
  Outcome o = read("<bob@example.net>: host mx.example.net[192.0.2.1]\n    said: 553 5.7.1 <alice@example.org>: Sender "
                   "address rejected: not owned by user (in reply to RCPT TO command)\n");
  CHECK(o.recipient == "bob@example.net");
  CHECK(o.reason == "rejected");
}

TEST_CASE("a program's exception that quotes the server's status", "[notices]") {
  // .NET's SmtpFailedRecipientException puts the server's reply after "The server response was:".
  Outcome o = read("Unhandled exception. System.Net.Mail.SmtpFailedRecipientException: Exceeded storage allocation. "
                   "The server response was: 5.2.2 <kim@example.com>: user is over quota\n"
                   "   at System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients)\n"
                   "   at System.Net.Mail.SmtpClient.Send(MailMessage message)\n"
                   "   at Program.Main(String[] args) in /src/Program.cs:line 31\n");
  CHECK(o.status == "bounce");
  CHECK(o.recipient == "kim@example.com");
  CHECK(o.reason == "mailboxfull");
}

TEST_CASE("words in order with a few words between them", "[notices][gaps]") {
  CHECK(read("The mailbox for user erin@example.com is full.\n").reason == "mailboxfull");
  // Too far apart, the words are no longer one statement.
  CHECK(read("mailbox: erin@example.com, your order of 12 April for the office chairs is full of surprises\n").status ==
        "not_a_bounce");
}

TEST_CASE("messages about delivery that are not failures", "[notices][status]") {
  Outcome delay = read("Delivery incomplete\n\nThere was a temporary problem delivering your message to "
                       "frank@example.com. Gmail will retry for 46 more hours. You'll be notified if the delivery "
                       "fails permanently.\n");
  CHECK(delay.status == "delayed");
  CHECK(delay.action == "delayed");
  CHECK(delay.recipient == "frank@example.com");
  CHECK(read("I am out of the office until 12 March with limited access to email.\n").status == "auto_reply");
  CHECK(read("Ich bin bis zum 12. März nicht im Büro.\n").status == "auto_reply");
  CHECK(read("Your message to grace@example.com is held until you verify that you are a human: follow the link "
             "below.\n")
            .status == "challenge");
  CHECK(read("450 4.2.0 <henry@example.com>: Recipient address rejected: Greylisted, please try again later\n").status ==
        "delayed");
}

TEST_CASE("a delivery receipt is not a failure", "[notices][status]") {
  CHECK(read("Your message has been delivered to the following recipients:\n\nIvy Example (ivy@example.com)\n").status ==
        "delivered");
  CHECK(read("Delivery to these recipients or groups is complete, but no delivery notification was sent by the "
             "destination server:\n\njack@example.com\n")
            .status == "delivered");
  // Exchange's relay notice in German, and an Italian certified-mail (PEC) receipt of delivery.
  CHECK(read("Die Zustellung an diese Empfänger oder Gruppen ist abgeschlossen, vom Zielserver wurde jedoch keine "
             "Zustellungsbenachrichtigung gesendet:\n\njack@example.com\n")
            .status == "delivered");
  CHECK(read("Ricevuta di avvenuta consegna\n\nIl messaggio \"Offerta\" proveniente da \"a@pec.example.it\" ed "
             "indirizzato a \"jack@pec.example.com\" è stato consegnato nella casella di destinazione.\n")
            .status == "delivered");
}

TEST_CASE("a certified-mail (PEC) notice of non-delivery is a bounce for its addressee", "[notices][i18n]") {
  Outcome pec = read("Avviso di mancata consegna\n\nNel messaggio \"Offerta\" proveniente da \"anna@pec.example.it\" ed "
                     "indirizzato a \"jack@pec.example.com\" è stato rilevato un errore 5.1.1 - Utente non trovato.\n"
                     "Il messaggio non è stato consegnato.\n");
  CHECK(pec.status == "bounce");
  CHECK(pec.recipient == "jack@pec.example.com");
  CHECK(pec.reason == "userunknown");
}

TEST_CASE("challenge-response services that hold a message until the sender is approved", "[notices][status]") {
  CHECK(read("Your message to kim@example.com has been placed in her Boxbe Waiting List. It will be delivered once she "
             "approves you as a sender.\n")
            .status == "challenge");
  CHECK(read("To control spam, I now allow incoming messages only from senders I have approved beforehand.\n").status ==
        "challenge");
}

TEST_CASE("a message that is about another kind of delivery is not a bounce", "[notices][status]") {
  CHECK(read("From: Parcel Service <noreply@parcels.example.com>\nSubject: Delivery attempt failed\n\n"
             "We could not deliver your parcel today. Delivery failed: nobody was home.\n")
            .status == "not_a_bounce");
  CHECK(read("This file does not exist\n").status == "not_a_bounce");
  // Pasted without headers, in other languages: a parcel that "could not be delivered".
  CHECK(read("Betreff: Zustellung fehlgeschlagen\n\nIhr Paket konnte heute nicht zugestellt werden. "
             "Der Zusteller versucht es morgen erneut.\n")
            .status == "not_a_bounce");
  CHECK(read("Encomenda não entregue: destinatário ausente. Nova tentativa amanhã.\n").status == "not_a_bounce");
  // The same words about an e-mail stay a bounce.
  CHECK(read("Ihre Nachricht konnte nicht zugestellt werden: das Postfach des Empfängers ist voll.\n").status == "bounce");
}

namespace {

/// One short text per kind of notice, as mail products word it in one language: the status the
/// explainer must give it and, for a failure, the reason ("undefined": the text says no cause).
struct LocalisedCase {
  const char* language;
  const char* text;
  const char* status;
  const char* reason;  // "" for texts that are not failures
};

void check_localised(const LocalisedCase& c) {
  Outcome o = read(c.text);
  INFO(c.language << ": " << c.text);
  CHECK(o.status == c.status);
  if (*c.reason) CHECK(o.reason == c.reason);
}

// Per language: not delivered (no cause stated), mailbox full, address unknown, domain unknown,
// an out-of-office reply, a delay warning, a delivery receipt.
const LocalisedCase kNewLanguages[] = {
    {"el", "Το μήνυμά σας προς nikos@example.gr δεν ήταν δυνατό να παραδοθεί.\n", "bounce", "undefined"},
    {"el", "Το μήνυμα δεν παραδόθηκε στον nikos@example.gr: το γραμματοκιβώτιο του παραλήπτη είναι πλήρες.\n", "bounce", "mailboxfull"},
    {"el", "Η παράδοση απέτυχε: nikos@example.gr\nΟ χρήστης δεν υπάρχει.\n", "bounce", "userunknown"},
    {"el", "Η παράδοση απέτυχε για τον nikos@example.gr επειδή ο τομέας example.gr δεν βρέθηκε.\n", "bounce", "hostunknown"},
    {"el", "Αυτόματη απάντηση: Βρίσκομαι εκτός γραφείου έως τις 20 Μαΐου.\n", "auto_reply", ""},
    {"el", "Η παράδοση του μηνύματος στον nikos@example.gr καθυστερεί. Θα γίνει νέα προσπάθεια αργότερα.\n", "delayed", ""},
    {"el", "Το μήνυμά σας παραδόθηκε στους ακόλουθους παραλήπτες:\n\nnikos@example.gr\n", "delivered", ""},

    {"hu", "Az üzenetet nem sikerült kézbesíteni a következő címzettnek: janos@example.hu\n", "bounce", "undefined"},
    {"hu", "Kézbesítés sikertelen: janos@example.hu - a címzett postafiókja megtelt.\n", "bounce", "mailboxfull"},
    {"hu", "Az üzenet nem kézbesíthető: janos@example.hu\nIsmeretlen felhasználó.\n", "bounce", "userunknown"},
    {"hu", "Nem sikerült kézbesíteni a janos@example.hu címre: a tartomány nem létezik.\n", "bounce", "hostunknown"},
    {"hu", "Automatikus válasz: Május 20-ig házon kívül vagyok, korlátozott e-mail eléréssel.\n", "auto_reply", ""},
    {"hu", "Az üzenet kézbesítése késik: janos@example.hu. A rendszer továbbra is megpróbálja kézbesíteni.\n", "delayed", ""},
    {"hu", "Az üzenet kézbesítve a következő címzetteknek:\n\njanos@example.hu\n", "delivered", ""},

    {"ro", "Mesajul dvs. către ion@example.ro nu a putut fi livrat.\n", "bounce", "undefined"},
    {"ro", "Livrare eșuată către ion@example.ro: căsuța poștală a destinatarului este plină.\n", "bounce", "mailboxfull"},
    {"ro", "Mesajul nu a putut fi livrat: ion@example.ro\nUtilizator necunoscut.\n", "bounce", "userunknown"},
    {"ro", "Mesajul către ion@example.ro nu a fost livrat deoarece domeniul example.ro nu există.\n", "bounce", "hostunknown"},
    {"ro", "Răspuns automat: Sunt în concediu până pe 20 mai.\n", "auto_reply", ""},
    {"ro", "Livrarea mesajului către ion@example.ro a fost întârziată. Se va reîncerca automat.\n", "delayed", ""},
    {"ro", "Mesajul dvs. a fost livrat următorilor destinatari:\n\nion@example.ro\n", "delivered", ""},

    {"uk", "Ваше повідомлення до olena@example.ua не вдалося доставити.\n", "bounce", "undefined"},
    {"uk", "Повідомлення не доставлено olena@example.ua: поштова скринька одержувача переповнена.\n", "bounce", "mailboxfull"},
    {"uk", "Не вдалося доставити повідомлення olena@example.ua\nКористувача не знайдено.\n", "bounce", "userunknown"},
    {"uk", "Помилка доставки до olena@example.ua: домен example.ua не існує.\n", "bounce", "hostunknown"},
    {"uk", "Автоматична відповідь: я у відпустці до 20 травня.\n", "auto_reply", ""},
    {"uk", "Доставка повідомлення до olena@example.ua затримується. Буде повторено спробу пізніше.\n", "delayed", ""},
    {"uk", "Ваше повідомлення доставлено таким одержувачам:\n\nolena@example.ua\n", "delivered", ""},

    {"fi", "Viestiäsi ei voitu toimittaa vastaanottajalle matti@example.fi.\n", "bounce", "undefined"},
    {"fi", "Toimitus epäonnistui: matti@example.fi - vastaanottajan postilaatikko on täynnä.\n", "bounce", "mailboxfull"},
    {"fi", "Viestiä ei voitu toimittaa osoitteeseen matti@example.fi\nTuntematon käyttäjä.\n", "bounce", "userunknown"},
    {"fi", "Viestiä ei toimitettu osoitteeseen matti@example.fi, koska toimialuetta example.fi ei löytynyt.\n", "bounce", "hostunknown"},
    {"fi", "Automaattinen vastaus: Olen lomalla 20.5. asti.\n", "auto_reply", ""},
    {"fi", "Viestin toimitus vastaanottajalle matti@example.fi on viivästynyt. Toimitusta yritetään uudelleen.\n", "delayed", ""},
    {"fi", "Viestisi toimitettiin seuraaville vastaanottajille:\n\nmatti@example.fi\n", "delivered", ""},

    {"da", "Din meddelelse til lars@example.dk kunne ikke leveres.\n", "bounce", "undefined"},
    {"da", "Leveringen mislykkedes: lars@example.dk - modtagerens postkasse er fuld.\n", "bounce", "mailboxfull"},
    {"da", "Meddelelsen blev ikke leveret til lars@example.dk\nUkendt bruger.\n", "bounce", "userunknown"},
    {"da", "Meddelelsen til lars@example.dk kunne ikke leveres, fordi domænet example.dk ikke findes.\n", "bounce", "hostunknown"},
    {"da", "Automatisk svar: Jeg er på ferie indtil den 20. maj.\n", "auto_reply", ""},
    {"da", "Leveringen til lars@example.dk er forsinket. Serveren forsøger igen senere.\n", "delayed", ""},
    {"da", "Din meddelelse er leveret til følgende modtagere:\n\nlars@example.dk\n", "delivered", ""},

    {"nb", "Meldingen din til kari@example.no kunne ikke leveres.\n", "bounce", "undefined"},
    {"nb", "Leveringen mislyktes: kari@example.no - mottakerens postkasse er full.\n", "bounce", "mailboxfull"},
    {"nb", "Meldingen ble ikke levert til kari@example.no\nBrukeren finnes ikke.\n", "bounce", "userunknown"},
    {"nb", "Meldingen til kari@example.no ble ikke levert fordi domenet example.no ikke finnes.\n", "bounce", "hostunknown"},
    {"nb", "Automatisk svar: Jeg er ikke på kontoret før 20. mai.\n", "auto_reply", ""},
    {"nb", "Leveringen til kari@example.no er forsinket. Serveren vil fortsette å prøve.\n", "delayed", ""},
    {"nb", "Meldingen din ble levert til følgende mottakere:\n\nkari@example.no\n", "delivered", ""},
    {"nn", "Meldinga di til kari@example.no kunne ikkje leverast.\n", "bounce", "undefined"},
    {"nn", "Meldinga vart ikkje levert til kari@example.no: postkassa er full.\n", "bounce", "mailboxfull"},
    {"nn", "Meldinga vart ikkje levert til kari@example.no: brukaren finst ikkje.\n", "bounce", "userunknown"},

    {"he", "ההודעה שלך אל dana@example.co.il לא נמסרה.\n", "bounce", "undefined"},
    {"he", "המסירה נכשלה: dana@example.co.il - תיבת הדואר של הנמען מלאה.\n", "bounce", "mailboxfull"},
    {"he", "ההודעה לא נמסרה אל dana@example.co.il\nהמשתמש אינו קיים.\n", "bounce", "userunknown"},
    {"he", "ההודעה אל dana@example.co.il לא נמסרה כי הדומיין example.co.il לא נמצא.\n", "bounce", "hostunknown"},
    {"he", "תשובה אוטומטית: אני מחוץ למשרד עד 20 במאי.\n", "auto_reply", ""},
    {"he", "המסירה אל dana@example.co.il מתעכבת. השרת ינסה שוב מאוחר יותר.\n", "delayed", ""},
    {"he", "ההודעה שלך נמסרה לנמענים הבאים:\n\ndana@example.co.il\n", "delivered", ""},

    {"ar", "تعذر تسليم رسالتك إلى ahmed@example.sa.\n", "bounce", "undefined"},
    {"ar", "فشل التسليم إلى ahmed@example.sa: صندوق البريد الخاص بالمستلم ممتلئ.\n", "bounce", "mailboxfull"},
    {"ar", "لم يتم تسليم الرسالة إلى ahmed@example.sa\nالمستخدم غير موجود.\n", "bounce", "userunknown"},
    {"ar", "تعذر تسليم رسالتك إلى ahmed@example.sa لأنه لم يتم العثور على النطاق example.sa.\n", "bounce", "hostunknown"},
    {"ar", "رد تلقائي: أنا خارج المكتب حتى 20 مايو.\n", "auto_reply", ""},
    {"ar", "تأخر تسليم رسالتك إلى ahmed@example.sa. ستتم إعادة المحاولة لاحقاً.\n", "delayed", ""},
    {"ar", "تم تسليم رسالتك إلى المستلمين التاليين:\n\nahmed@example.sa\n", "delivered", ""},

    {"vi", "Không thể gửi thư của bạn tới minh@example.vn.\n", "bounce", "undefined"},
    {"vi", "Thư chưa được gửi tới minh@example.vn: hộp thư của người nhận đã đầy.\n", "bounce", "mailboxfull"},
    {"vi", "Không thể gửi thư tới minh@example.vn\nNgười dùng không tồn tại.\n", "bounce", "userunknown"},
    {"vi", "Thư chưa được gửi tới minh@example.vn vì không tìm thấy tên miền example.vn.\n", "bounce", "hostunknown"},
    {"vi", "Trả lời tự động: Tôi đang nghỉ phép đến ngày 20 tháng 5.\n", "auto_reply", ""},
    {"vi", "Việc gửi thư tới minh@example.vn bị trì hoãn. Máy chủ sẽ thử lại sau.\n", "delayed", ""},
    {"vi", "Thư của bạn đã được gửi tới những người nhận sau:\n\nminh@example.vn\n", "delivered", ""},

    {"id", "Pesan Anda ke budi@example.co.id tidak dapat dikirim.\n", "bounce", "undefined"},
    {"id", "Pengiriman gagal ke budi@example.co.id: kotak surat penerima penuh.\n", "bounce", "mailboxfull"},
    {"id", "Pesan tidak terkirim ke budi@example.co.id\nPengguna tidak ditemukan.\n", "bounce", "userunknown"},
    {"id", "Pesan tidak terkirim ke budi@example.co.id karena domain example.co.id tidak ditemukan.\n", "bounce", "hostunknown"},
    {"id", "Balasan otomatis: Saya sedang cuti sampai 20 Mei.\n", "auto_reply", ""},
    {"id", "Pengiriman pesan ke budi@example.co.id tertunda. Server akan mencoba lagi nanti.\n", "delayed", ""},
    {"id", "Pesan Anda telah terkirim ke penerima berikut:\n\nbudi@example.co.id\n", "delivered", ""},
    {"ms", "Mesej anda kepada aminah@example.my tidak dapat dihantar.\n", "bounce", "undefined"},
    {"ms", "Penghantaran gagal kepada aminah@example.my: peti mel penerima penuh.\n", "bounce", "mailboxfull"},
    {"ms", "Mesej tidak dapat dihantar kepada aminah@example.my\nPengguna tidak wujud.\n", "bounce", "userunknown"},
    {"ms", "Balasan automatik: Saya sedang bercuti sehingga 20 Mei.\n", "auto_reply", ""},
    {"ms", "Penghantaran mesej kepada aminah@example.my ditangguhkan. Pelayan akan cuba lagi kemudian.\n", "delayed", ""},

    {"th", "ไม่สามารถส่งข้อความของคุณถึง somchai@example.co.th ได้\n", "bounce", "undefined"},
    {"th", "การส่งล้มเหลว: somchai@example.co.th - กล่องจดหมายของผู้รับเต็ม\n", "bounce", "mailboxfull"},
    {"th", "ไม่สามารถส่งข้อความถึง somchai@example.co.th\nไม่พบผู้ใช้นี้\n", "bounce", "userunknown"},
    {"th", "ไม่สามารถส่งข้อความถึง somchai@example.co.th เนื่องจากไม่พบโดเมน example.co.th\n", "bounce", "hostunknown"},
    {"th", "ตอบกลับอัตโนมัติ: ฉันไม่อยู่ที่สำนักงานจนถึงวันที่ 20 พฤษภาคม\n", "auto_reply", ""},
    {"th", "การส่งข้อความถึง somchai@example.co.th ล่าช้า ระบบจะพยายามส่งอีกครั้งในภายหลัง\n", "delayed", ""},
    {"th", "ข้อความของคุณส่งถึงผู้รับต่อไปนี้แล้ว:\n\nsomchai@example.co.th\n", "delivered", ""},

    {"hi", "आपका संदेश ravi@example.in को डिलीवर नहीं किया जा सका।\n", "bounce", "undefined"},
    {"hi", "डिलीवरी विफल: ravi@example.in - प्राप्तकर्ता का मेलबॉक्स भरा हुआ है।\n", "bounce", "mailboxfull"},
    {"hi", "संदेश ravi@example.in को डिलीवर नहीं किया जा सका\nउपयोगकर्ता मौजूद नहीं है।\n", "bounce", "userunknown"},
    {"hi", "संदेश ravi@example.in को डिलीवर नहीं हुआ क्योंकि डोमेन example.in नहीं मिला।\n", "bounce", "hostunknown"},
    {"hi", "स्वचालित उत्तर: मैं 20 मई तक कार्यालय से बाहर हूं।\n", "auto_reply", ""},
    {"hi", "ravi@example.in को संदेश की डिलीवरी में देरी हो रही है। सर्वर फिर से प्रयास करेगा।\n", "delayed", ""},
    {"hi", "आपका संदेश निम्नलिखित प्राप्तकर्ताओं को डिलीवर कर दिया गया है:\n\nravi@example.in\n", "delivered", ""},

    {"bg", "Съобщението ви до ivan@example.bg не можа да бъде доставено.\n", "bounce", "undefined"},
    {"bg", "Доставката е неуспешна: ivan@example.bg - пощенската кутия на получателя е пълна.\n", "bounce", "mailboxfull"},
    {"bg", "Съобщението не беше доставено до ivan@example.bg\nПотребителят не съществува.\n", "bounce", "userunknown"},
    {"bg", "Съобщението до ivan@example.bg не беше доставено, защото домейнът example.bg не съществува.\n", "bounce", "hostunknown"},
    {"bg", "Автоматичен отговор: Извън офиса съм до 20 май.\n", "auto_reply", ""},
    {"bg", "Доставката до ivan@example.bg е забавена. Ще бъде направен нов опит по-късно.\n", "delayed", ""},
    {"bg", "Съобщението ви беше доставено до следните получатели:\n\nivan@example.bg\n", "delivered", ""},

    {"hr", "Vašu poruku za marko@example.hr nije moguće isporučiti.\n", "bounce", "undefined"},
    {"hr", "Isporuka nije uspjela: marko@example.hr - poštanski sandučić primatelja je pun.\n", "bounce", "mailboxfull"},
    {"hr", "Poruka nije isporučena na marko@example.hr\nKorisnik ne postoji.\n", "bounce", "userunknown"},
    {"hr", "Poruka za marko@example.hr nije isporučena jer domena example.hr ne postoji.\n", "bounce", "hostunknown"},
    {"hr", "Automatski odgovor: Izvan ureda sam do 20. svibnja.\n", "auto_reply", ""},
    {"hr", "Isporuka poruke za marko@example.hr je odgođena. Poslužitelj će pokušati ponovno.\n", "delayed", ""},
    {"hr", "Vaša poruka isporučena je sljedećim primateljima:\n\nmarko@example.hr\n", "delivered", ""},
    {"sr", "Vaša poruka za milan@example.rs nije mogla biti isporučena.\n", "bounce", "undefined"},
    {"sr", "Isporuka nije uspela: milan@example.rs - poštansko sanduče je puno.\n", "bounce", "mailboxfull"},
    {"sr", "Порука није испоручена на milan@example.rs\nКорисник не постоји.\n", "bounce", "userunknown"},
    {"sr", "Poruka za milan@example.rs nije isporučena jer domen example.rs ne postoji.\n", "bounce", "hostunknown"},
    {"sr", "Automatski odgovor: Van kancelarije sam do 20. maja.\n", "auto_reply", ""},
    {"sl", "Vašega sporočila za janez@example.si ni bilo mogoče dostaviti.\n", "bounce", "undefined"},
    {"sl", "Dostava ni uspela: janez@example.si - poštni predal prejemnika je poln.\n", "bounce", "mailboxfull"},
    {"sl", "Sporočila ni bilo mogoče dostaviti na janez@example.si\nUporabnik ne obstaja.\n", "bounce", "userunknown"},
    {"sl", "Sporočilo za janez@example.si ni bilo dostavljeno, ker domena example.si ne obstaja.\n", "bounce", "hostunknown"},
    {"sl", "Samodejni odgovor: Do 20. maja sem odsoten.\n", "auto_reply", ""},
    {"sl", "Dostava sporočila za janez@example.si je zakasnjena. Strežnik bo poskusil znova.\n", "delayed", ""},

    {"sk", "Vašu správu pre jana@example.sk sa nepodarilo doručiť.\n", "bounce", "undefined"},
    {"sk", "Doručenie zlyhalo: jana@example.sk - poštová schránka príjemcu je plná.\n", "bounce", "mailboxfull"},
    {"sk", "Správa nebola doručená na jana@example.sk\nPoužívateľ neexistuje.\n", "bounce", "userunknown"},
    {"sk", "Správa pre jana@example.sk nebola doručená, pretože doména example.sk neexistuje.\n", "bounce", "hostunknown"},
    {"sk", "Automatická odpoveď: Som na dovolenke do 20. mája.\n", "auto_reply", ""},
    {"sk", "Doručenie správy pre jana@example.sk sa oneskoruje. Server sa pokúsi znova.\n", "delayed", ""},
    {"sk", "Vaša správa bola doručená nasledujúcim príjemcom:\n\njana@example.sk\n", "delivered", ""},

    {"lt", "Jūsų laiško gavėjui jonas@example.lt nepavyko pristatyti.\n", "bounce", "undefined"},
    {"lt", "Nepavyko pristatyti: jonas@example.lt - gavėjo pašto dėžutė pilna.\n", "bounce", "mailboxfull"},
    {"lt", "Laiškas nepristatytas jonas@example.lt\nVartotojas neegzistuoja.\n", "bounce", "userunknown"},
    {"lt", "Laiškas jonas@example.lt nepristatytas, nes domenas example.lt nerastas.\n", "bounce", "hostunknown"},
    {"lt", "Automatinis atsakymas: Esu atostogose iki gegužės 20 d.\n", "auto_reply", ""},
    {"lt", "Laiško jonas@example.lt pristatymas vėluoja. Bus bandoma dar kartą.\n", "delayed", ""},
    {"lt", "Jūsų laiškas pristatytas šiems gavėjams:\n\njonas@example.lt\n", "delivered", ""},

    {"lv", "Jūsu ziņojumu adresātam janis@example.lv nevarēja piegādāt.\n", "bounce", "undefined"},
    {"lv", "Piegāde neizdevās: janis@example.lv - adresāta pastkaste ir pilna.\n", "bounce", "mailboxfull"},
    {"lv", "Ziņojums nav piegādāts janis@example.lv\nNezināms lietotājs.\n", "bounce", "userunknown"},
    {"lv", "Ziņojums janis@example.lv nav piegādāts, jo domēns example.lv neeksistē.\n", "bounce", "hostunknown"},
    {"lv", "Automātiskā atbilde: Esmu atvaļinājumā līdz 20. maijam.\n", "auto_reply", ""},
    {"lv", "Ziņojuma piegāde janis@example.lv aizkavējas. Tiks mēģināts vēlreiz.\n", "delayed", ""},
    {"lv", "Jūsu ziņojums ir piegādāts šiem adresātiem:\n\njanis@example.lv\n", "delivered", ""},

    {"et", "Teie sõnumit adressaadile mari@example.ee ei saanud kohale toimetada.\n", "bounce", "undefined"},
    {"et", "Kohaletoimetamine nurjus: mari@example.ee - adressaadi postkast on täis.\n", "bounce", "mailboxfull"},
    {"et", "Sõnumit ei saanud kohale toimetada: mari@example.ee\nTundmatu kasutaja.\n", "bounce", "userunknown"},
    {"et", "Sõnumit ei saanud kohale toimetada aadressile mari@example.ee, sest domeeni example.ee ei leitud.\n", "bounce", "hostunknown"},
    {"et", "Automaatne vastus: Olen puhkusel kuni 20. maini.\n", "auto_reply", ""},
    {"et", "Sõnumi kohaletoimetamine aadressile mari@example.ee viibib. Server proovib uuesti.\n", "delayed", ""},
    {"et", "Teie sõnum toimetati kohale järgmistele adressaatidele:\n\nmari@example.ee\n", "delivered", ""},

    {"ca", "No s'ha pogut lliurar el vostre missatge a jordi@example.cat.\n", "bounce", "undefined"},
    {"ca", "Error en el lliurament a jordi@example.cat: la bústia del destinatari és plena.\n", "bounce", "mailboxfull"},
    {"ca", "No s'ha pogut lliurar el missatge a jordi@example.cat\nUsuari desconegut.\n", "bounce", "userunknown"},
    {"ca", "No s'ha pogut lliurar el missatge a jordi@example.cat perquè el domini example.cat no existeix.\n", "bounce", "hostunknown"},
    {"ca", "Resposta automàtica: Estic de vacances fins al 20 de maig.\n", "auto_reply", ""},
    {"ca", "El lliurament a jordi@example.cat s'ha endarrerit. Es tornarà a intentar més tard.\n", "delayed", ""},
    {"ca", "El vostre missatge s'ha lliurat als destinataris següents:\n\njordi@example.cat\n", "delivered", ""},

    {"fa", "پیام شما به reza@example.ir تحویل داده نشد.\n", "bounce", "undefined"},
    {"fa", "تحویل ناموفق بود: reza@example.ir - صندوق پستی گیرنده پر است.\n", "bounce", "mailboxfull"},
    {"fa", "پیام به reza@example.ir تحویل داده نشد\nکاربر وجود ندارد.\n", "bounce", "userunknown"},
    {"fa", "پیام به reza@example.ir تحویل داده نشد زیرا دامنه example.ir یافت نشد.\n", "bounce", "hostunknown"},
    {"fa", "پاسخ خودکار: تا ۲۰ مه در مرخصی هستم.\n", "auto_reply", ""},
    {"fa", "تحویل پیام به reza@example.ir با تأخیر مواجه شده است. دوباره تلاش خواهد شد.\n", "delayed", ""},
    {"fa", "پیام شما به گیرندگان زیر تحویل داده شد:\n\nreza@example.ir\n", "delivered", ""},
};

// The subject Outlook and Exchange give a non-delivery report ("Undeliverable: ...") in these
// languages, pasted with the recipient under it and no cause.
const LocalisedCase kOutlookSubjects[] = {
    {"el", "Αδυναμία παράδοσης: Προσφορά\n\nnikos@example.gr\n", "bounce", "undefined"},
    {"hu", "Kézbesíthetetlen: Ajánlat\n\njanos@example.hu\n", "bounce", "undefined"},
    {"ro", "Nelivrabil: Ofertă\n\nion@example.ro\n", "bounce", "undefined"},
    {"bg", "Невъзможна доставка: Оферта\n\nivan@example.bg\n", "bounce", "undefined"},
    {"hr", "Neisporučivo: Ponuda\n\nmarko@example.hr\n", "bounce", "undefined"},
    {"lt", "Nepristatoma: Pasiūlymas\n\njonas@example.lt\n", "bounce", "undefined"},
    {"lv", "Nepiegādājams: Piedāvājums\n\njanis@example.lv\n", "bounce", "undefined"},
    {"et", "Kohaletoimetamatu: Pakkumine\n\nmari@example.ee\n", "bounce", "undefined"},
    {"he", "לא ניתן למסירה: הצעה\n\ndana@example.co.il\n", "bounce", "undefined"},
    {"ar", "تعذر التسليم: عرض\n\nahmed@example.sa\n", "bounce", "undefined"},
    {"th", "ไม่สามารถส่งได้: ข้อเสนอ\n\nsomchai@example.co.th\n", "bounce", "undefined"},
    {"id", "Tidak dapat terkirim: Penawaran\n\nbudi@example.co.id\n", "bounce", "undefined"},
    {"fa", "غیرقابل تحویل: پیشنهاد\n\nreza@example.ir\n", "bounce", "undefined"},
    {"fi", "Ei voitu toimittaa: Tarjous\n\nmatti@example.fi\n", "bounce", "undefined"},
    {"sk", "Nedoručiteľné: Ponuka\n\njana@example.sk\n", "bounce", "undefined"},
};

// Gmail's notice in the languages read before: a heading, then the sentence that says whether the
// address or the whole domain was not found (the sentence decides), as its help pages word them.
const LocalisedCase kGmailNotices[] = {
    {"de", "Adresse nicht gefunden\n\nIhre Nachricht wurde nicht an anna@example.de zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails empfangen kann.\n", "bounce", "userunknown"},
    {"de", "Adresse nicht gefunden\n\nIhre Nachricht wurde nicht an anna@examplle.de zugestellt, weil die Domain examplle.de nicht gefunden wurde.\n", "bounce", "hostunknown"},
    {"fr", "Adresse introuvable\n\nVotre message n'a pas été distribué à luc@example.fr, car l'adresse est introuvable ou ne peut pas recevoir d'e-mails.\n", "bounce", "userunknown"},
    {"fr", "Adresse introuvable\n\nVotre message n'a pas été distribué à luc@examplle.fr, car le domaine examplle.fr est introuvable.\n", "bounce", "hostunknown"},
    {"es", "Dirección no encontrada\n\nTu mensaje no se ha entregado a ana@example.es porque no se ha encontrado la dirección o esta no puede recibir correo.\n", "bounce", "userunknown"},
    {"es", "Dirección no encontrada\n\nTu mensaje no se ha entregado a ana@examplle.es porque no se ha encontrado el dominio examplle.es.\n", "bounce", "hostunknown"},
    {"pt", "Endereço não encontrado\n\nSua mensagem não foi entregue a ana@example.com.br porque o endereço não foi encontrado ou não pode receber e-mails.\n", "bounce", "userunknown"},
    {"pt", "Endereço não encontrado\n\nSua mensagem não foi entregue a ana@examplle.com.br porque o domínio examplle.com.br não foi encontrado.\n", "bounce", "hostunknown"},
    {"it", "Indirizzo non trovato\n\nIl tuo messaggio non è stato recapitato a gio@example.it perché l'indirizzo non è stato trovato o non può ricevere email.\n", "bounce", "userunknown"},
    {"it", "Indirizzo non trovato\n\nIl tuo messaggio non è stato recapitato a gio@examplle.it perché il dominio examplle.it non è stato trovato.\n", "bounce", "hostunknown"},
    {"pl", "Nie znaleziono adresu\n\nTwoja wiadomość nie została dostarczona do jan@example.pl, ponieważ nie znaleziono adresu lub nie może on odbierać poczty.\n", "bounce", "userunknown"},
    {"pl", "Nie znaleziono adresu\n\nTwoja wiadomość nie została dostarczona do jan@examplle.pl, ponieważ nie znaleziono domeny examplle.pl.\n", "bounce", "hostunknown"},
    {"ru", "Адрес не найден\n\nВаше сообщение не доставлено на ivan@example.ru, так как адрес не найден или не может получать почту.\n", "bounce", "userunknown"},
    {"ru", "Адрес не найден\n\nВаше сообщение не доставлено на ivan@examplle.ru, так как домен examplle.ru не найден.\n", "bounce", "hostunknown"},
    {"nl", "Adres niet gevonden\n\nJe bericht is niet afgeleverd bij jan@example.nl omdat het adres niet is gevonden of geen e-mail kan ontvangen.\n", "bounce", "userunknown"},
    {"nl", "Adres niet gevonden\n\nJe bericht is niet afgeleverd bij jan@examplle.nl omdat het domein examplle.nl niet is gevonden.\n", "bounce", "hostunknown"},
    {"sv", "Adressen hittades inte\n\nMeddelandet levererades inte till anna@example.se eftersom adressen inte hittades eller inte kan ta emot e-post.\n", "bounce", "userunknown"},
    {"sv", "Adressen hittades inte\n\nMeddelandet levererades inte till anna@examplle.se eftersom domänen examplle.se inte hittades.\n", "bounce", "hostunknown"},
    {"cs", "Adresa nebyla nalezena\n\nZpráva nebyla doručena na petr@example.cz, protože adresa nebyla nalezena nebo nemůže přijímat e-maily.\n", "bounce", "userunknown"},
    {"cs", "Adresa nebyla nalezena\n\nZpráva nebyla doručena na petr@examplle.cz, protože doména examplle.cz nebyla nalezena.\n", "bounce", "hostunknown"},
    {"tr", "Adres bulunamadı\n\nİletiniz ayse@example.com.tr adresine teslim edilemedi. Adres bulunamadı veya e-posta alamıyor.\n", "bounce", "userunknown"},
    {"tr", "Adres bulunamadı\n\nİletiniz ayse@examplle.com.tr adresine teslim edilemedi çünkü examplle.com.tr alan adı bulunamadı.\n", "bounce", "hostunknown"},
    {"ja", "アドレスが見つかりません\n\ntaro@example.jp にメールを配信できませんでした。アドレスが見つからないか、メールを受信できないアドレスです。\n", "bounce", "userunknown"},
    {"ja", "アドレスが見つかりません\n\ntaro@examplle.jp にメールを配信できませんでした。ドメイン examplle.jp が見つかりませんでした。\n", "bounce", "hostunknown"},
    {"zh", "找不到地址\n\n您的邮件未送达 wang@example.cn，因为找不到该地址，或该地址无法接收邮件。\n", "bounce", "userunknown"},
    {"zh", "找不到地址\n\n您的邮件未送达 wang@examplle.cn，因为找不到域名 examplle.cn。\n", "bounce", "hostunknown"},
    {"ko", "주소를 찾을 수 없음\n\nminsu@example.kr(으)로 메시지를 전송하지 못했습니다. 주소를 찾을 수 없거나 메일을 받을 수 없는 주소입니다.\n", "bounce", "userunknown"},
    {"ko", "주소를 찾을 수 없음\n\nminsu@examplle.kr(으)로 메시지를 전송하지 못했습니다. 도메인 examplle.kr을(를) 찾을 수 없습니다.\n", "bounce", "hostunknown"},
};

// Exchange's and Outlook's "Delivery has failed to these recipients or groups:", with the recipient
// under it, where the verb comes after the recipients.
const LocalisedCase kExchangeFailed[] = {
    {"el", "Η παράδοση σε αυτούς τους παραλήπτες ή τις ομάδες απέτυχε:\n\nnikos@example.gr\n", "bounce", "undefined"},
    {"hu", "A kézbesítés a következő címzetteknek vagy csoportoknak nem sikerült:\n\njanos@example.hu\n", "bounce", "undefined"},
    {"bg", "Доставката до тези получатели или групи е неуспешна:\n\nivan@example.bg\n", "bounce", "undefined"},
    {"hr", "Isporuka ovim primateljima ili grupama nije uspjela:\n\nmarko@example.hr\n", "bounce", "undefined"},
    {"sl", "Dostava tem prejemnikom ali skupinam ni uspela:\n\njanez@example.si\n", "bounce", "undefined"},
    {"sk", "Doručenie týmto príjemcom alebo skupinám zlyhalo:\n\njana@example.sk\n", "bounce", "undefined"},
    {"cs", "Doručení těmto příjemcům nebo skupinám se nezdařilo:\n\npetr@example.cz\n", "bounce", "undefined"},
    {"lt", "Šiems gavėjams arba grupėms pristatyti nepavyko:\n\njonas@example.lt\n", "bounce", "undefined"},
    {"ca", "El lliurament a aquests destinataris o grups ha fallat:\n\njordi@example.cat\n", "bounce", "undefined"},
    {"vi", "Gửi không thành công tới những người nhận hoặc nhóm này:\n\nminh@example.vn\n", "bounce", "undefined"},
    {"fa", "تحویل به این گیرندگان یا گروه‌ها ناموفق بود:\n\nreza@example.ir\n", "bounce", "undefined"},
};

// The languages read before, for the kinds of notice they lacked words for.
const LocalisedCase kEarlierLanguageGaps[] = {
    {"ko", "자동 응답: 5월 20일까지 부재중입니다.\n", "auto_reply", ""},
    {"ko", "minsu@example.kr(으)로의 메일 배달이 지연되고 있습니다. 서버가 다시 시도합니다.\n", "delayed", ""},
    {"tr", "Otomatik yanıt: 20 Mayıs'a kadar izindeyim.\n", "auto_reply", ""},
    {"tr", "ayse@example.com.tr adresine teslimat gecikti. Yeniden denenecek.\n", "delayed", ""},
    {"tr", "İletiniz aşağıdaki alıcılara teslim edildi:\n\nayse@example.com.tr\n", "delivered", ""},
    {"sv", "Automatiskt svar: Jag är på semester till den 20 maj.\n", "auto_reply", ""},
    {"sv", "Leveransen till anna@example.se har fördröjts. Servern försöker igen senare.\n", "delayed", ""},
    {"sv", "Ditt meddelande levererades till följande mottagare:\n\nanna@example.se\n", "delivered", ""},
    {"cs", "Automatická odpověď: Jsem na dovolené do 20. května.\n", "auto_reply", ""},
    {"cs", "Doručení zprávy pro petr@example.cz je zpožděno. Server se pokusí znovu.\n", "delayed", ""},
    {"cs", "Zpráva pro petr@example.cz nebyla doručena: adresa neexistuje.\n", "bounce", "userunknown"},
    {"ru", "Ваше сообщение доставлено следующим получателям:\n\nivan@example.ru\n", "delivered", ""},
    {"pl", "Wiadomość została dostarczona do następujących adresatów:\n\njan@example.pl\n", "delivered", ""},
    {"zh", "您的邮件已成功送达以下收件人：\n\nwang@example.cn\n", "delivered", ""},
    {"ja", "メッセージは次の受信者に配信されました:\n\ntaro@example.jp\n", "delivered", ""},
    {"ko", "메시지가 다음 받는 사람에게 배달되었습니다.\n\nminsu@example.kr\n", "delivered", ""},
    {"fr", "Votre message a été remis aux destinataires suivants :\n\nluc@example.fr\n", "delivered", ""},
    // A failure notice with the same words stays a failure.
    {"ko", "메시지가 다음 받는 사람에게 배달되지 않았습니다.\n\nminsu@example.kr\n", "bounce", "undefined"},
    {"fr", "Votre message n'a pas été remis aux destinataires suivants :\n\nluc@example.fr\n", "bounce", "undefined"},
};

}  // namespace

TEST_CASE("notices in the languages added for issue 11", "[notices][i18n]") {
  for (const LocalisedCase& c : kNewLanguages) check_localised(c);
}

TEST_CASE("Outlook's subject of a non-delivery report in the added languages", "[notices][i18n]") {
  for (const LocalisedCase& c : kOutlookSubjects) check_localised(c);
}

TEST_CASE("Gmail's notice in the earlier languages: the sentence decides between address and domain", "[notices][i18n]") {
  for (const LocalisedCase& c : kGmailNotices) check_localised(c);
}

TEST_CASE("Exchange's failure to these recipients or groups, verb last", "[notices][i18n]") {
  for (const LocalisedCase& c : kExchangeFailed) check_localised(c);
}

TEST_CASE("kinds of notice the earlier languages lacked words for", "[notices][i18n]") {
  for (const LocalisedCase& c : kEarlierLanguageGaps) check_localised(c);
}

TEST_CASE("ordinary mail in the added languages is not a bounce", "[notices][i18n][status]") {
  // A parcel that could not be delivered, and newsletters that use delivery words about
  // something else: no failure, no delay.
  const char* texts[] = {
      "Pakken kunne ikke leveres i dag. Budet prøver igjen i morgen.\n",
      "Vaš paket nije moguće isporučiti: kurir će pokušati ponovno sutra.\n",
      "Paket Anda tidak dapat dikirim hari ini. Kurir akan mencoba lagi besok.\n",
      "Пратката не може да бъде доставена днес. Куриерът ще опита отново утре.\n",
      "Uutiskirje: kesäkuun tapahtumat ja kuvat toimitukselta.\n",
      "Στο ενημερωτικό δελτίο αυτής της εβδομάδας: νέα προϊόντα και προσφορές.\n",
      // Something else is late, with an address to write to: not a delay of mail.
      "Pengumuman: acara kami tertunda hingga Senin. Info: info@example.co.id\n",
      "Η εκδήλωση καθυστερεί μία ώρα. Πληροφορίες: info@example.gr\n",
      "Projekt vėluoja dvi savaites, rašykite info@example.lt\n",
  };
  for (const char* text : texts) {
    INFO(text);
    CHECK(read(text).status == "not_a_bounce");
  }
}

TEST_CASE("the sender quoted in a notice in the added languages is not a recipient", "[notices][i18n]") {
  struct Quoted {
    const char* language;
    const char* text;
  };
  // Each notice quotes the original's sender first, then names the recipient dave@example.com.
  const Quoted notices[] = {
      {"el", "Από: Alice <alice@example.org>\nΤο μήνυμά σας προς dave@example.com δεν παραδόθηκε.\n"},
      {"hu", "Feladó: Alice <alice@example.org>\nAz üzenetet nem sikerült kézbesíteni: dave@example.com\n"},
      {"ro", "Expeditor: Alice <alice@example.org>\nMesajul către dave@example.com nu a putut fi livrat.\n"},
      {"uk", "Від: Alice <alice@example.org>\nПовідомлення до dave@example.com не вдалося доставити.\n"},
      {"fi", "Lähettäjä: Alice <alice@example.org>\nViestiä ei voitu toimittaa vastaanottajalle dave@example.com.\n"},
      {"da", "Fra: Alice <alice@example.org>\nMeddelelsen til dave@example.com kunne ikke leveres.\n"},
      {"he", "מאת: Alice <alice@example.org>\nההודעה אל dave@example.com לא נמסרה.\n"},
      {"ar", "من: Alice <alice@example.org>\nتعذر تسليم رسالتك إلى dave@example.com.\n"},
      {"vi", "Người gửi: Alice <alice@example.org>\nKhông thể gửi thư tới dave@example.com.\n"},
      {"id", "Dari: Alice <alice@example.org>\nPesan ke dave@example.com tidak dapat dikirim.\n"},
      {"th", "จาก: Alice <alice@example.org>\nไม่สามารถส่งข้อความถึง dave@example.com ได้\n"},
      {"hi", "से: Alice <alice@example.org>\nसंदेश dave@example.com को डिलीवर नहीं किया जा सका।\n"},
      {"bg", "Подател: Alice <alice@example.org>\nСъобщението до dave@example.com не можа да бъде доставено.\n"},
      {"hr", "Pošiljatelj: Alice <alice@example.org>\nPoruku za dave@example.com nije moguće isporučiti.\n"},
      {"sk", "Odosielateľ: Alice <alice@example.org>\nSprávu pre dave@example.com sa nepodarilo doručiť.\n"},
      {"lt", "Siuntėjas: Alice <alice@example.org>\nLaiško gavėjui dave@example.com nepavyko pristatyti.\n"},
      {"lv", "Sūtītājs: Alice <alice@example.org>\nZiņojumu adresātam dave@example.com nevarēja piegādāt.\n"},
      {"et", "Saatja: Alice <alice@example.org>\nSõnumit adressaadile dave@example.com ei saanud kohale toimetada.\n"},
      {"ca", "Remitent: Alice <alice@example.org>\nNo s'ha pogut lliurar el missatge a dave@example.com.\n"},
      {"fa", "فرستنده: Alice <alice@example.org>\nپیام به dave@example.com تحویل داده نشد.\n"},
  };
  for (const Quoted& q : notices) {
    INFO(q.language << ": " << q.text);
    bx::Report r = bx::explain(q.text);
    CHECK(r.records.size() == 1);
    CHECK((r.records.empty() ? std::string() : r.records.front().recipient) == "dave@example.com");
  }
}

TEST_CASE("a notice's sentence wrapped over two lines is read as one", "[notices]") {
  // Postfix's template, translated by a host and wrapped at 72 columns.
  Outcome o = read(
      "Siamo spiacenti di informarla che il suo messaggio non è stato\n"
      "recapitato a uno o più destinatari.\n\n"
      "<anna@example.it>: message size 31457280 exceeds size limit 20971520\n"
      "    of server mx.example.it[192.0.2.7]\n");
  CHECK(o.status == "bounce");
  CHECK(o.recipient == "anna@example.it");
  CHECK(o.reason == "mesgtoobig");
}

TEST_CASE("a program that gives up on a temporary reply has failed to send", "[notices][client]") {
  // Symfony Mailer and Python's smtplib do not queue: the 4xx ends the attempt.
  Outcome symfony = read(
      "Expected response code \"250/251/252\" but got code \"452\", with message \"452 4.2.2 <ana@example.com>: "
      "Mailbox over quota\".\n");
  CHECK(symfony.status == "bounce");
  CHECK(symfony.action == "failed");
  CHECK(symfony.reason == "mailboxfull");
  // The same reply in an MTA's log is a deferral.
  Outcome log = read("450 4.2.2 <ana@example.com>: Mailbox over quota\n");
  CHECK(log.status == "delayed");
}

TEST_CASE("a port number after a colon is not a reply code", "[notices][client]") {
  Outcome o = read(
      "$ curl -v smtp://smtp.example.net:587 --mail-from a@example.net --mail-rcpt bob@example.org -T m.eml\n"
      "> RCPT TO:<bob@example.org>\n"
      "< 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual alias table\n"
      "curl: (55) RCPT failed: 550\n");
  CHECK(o.recipient == "bob@example.org");
  CHECK(o.reason == "userunknown");
}

TEST_CASE("the domain that could not be found decides between address and domain", "[notices]") {
  // Gmail heads both with "Address not found".
  Outcome o = read(
      "Address not found\n"
      "Your message wasn't delivered to bob@example-typo.com because the domain example-typo.com couldn't be "
      "found. Check for typos or unnecessary spaces and try again.\n");
  CHECK(o.reason == "hostunknown");
  // Exim's router: no route to the domain (Sisimai: hostunknown).
  Outcome exim = read(
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n"
      "  bob@example.invalid\n"
      "    Unrouteable address\n");
  CHECK(exim.reason == "hostunknown");
}

TEST_CASE("Postfix's success notice is a delivery receipt", "[notices][status]") {
  Outcome o = read(
      "This is the mail system at host mx.example.net.\n\n"
      "Your message was successfully delivered to the destination(s)\n"
      "listed below. If the message was delivered to mailbox you will\n"
      "receive no further notifications.\n\n"
      "<bob@example.net>: delivery via local: delivered to mailbox\n");
  CHECK(o.status == "delivered");
}

TEST_CASE("a heading gives way to the sentence under it", "[notices]") {
  // Gmail's notice as its app shows it, with the sender line above the heading.
  Outcome o = read(
      "Mail Delivery Subsystem\nto me\n\n"
      "Address not found\n"
      "Your message wasn't delivered to orders@example-farm.co because the domain example-farm.co couldn't be "
      "found. Check for typos or unnecessary spaces and try again.\n\nLEARN MORE\n");
  CHECK(o.recipient == "orders@example-farm.co");
  CHECK(o.reason == "hostunknown");
}

TEST_CASE("a reply that only says the message was not delivered states no cause", "[notices]") {
  Outcome o = read("Delivery has failed to these recipients or groups:\n\nbob@example.com\n\n"
                   "Remote Server returned '550 Message not delivered'\n");
  CHECK(o.status == "bounce");
  CHECK(o.reason == "undefined");
}

TEST_CASE("a delay notice that says when it would fail for good is still a delay", "[notices][i18n]") {
  // Gmail's delay notice promises a notification "if delivery fails permanently", in every language.
  Outcome o = read(
      "Consegna incompleta\n\n"
      "Si è verificato un problema temporaneo durante la consegna del tuo messaggio a anna@example.it. Gmail "
      "riproverà per altre 40 ore. Riceverai una notifica se la consegna non andrà a buon fine in modo permanente.\n\n"
      "La risposta del server remoto è stata:\n\n451 4.3.0 Temporary lookup failure\n");
  CHECK(o.status == "delayed");
  // Exim's translated notice of a permanent error stays a failure.
  Outcome exim = read(
      "Un messaggio che hai inviato non ha potuto essere recapitato a uno o più destinatari. Si tratta di un "
      "errore permanente.\n\n  anna@example.it\n    451 4.3.0 Temporary lookup failure\n");
  CHECK(exim.status == "bounce");
}

TEST_CASE("'mail from' in a server's prose is not the MAIL FROM command", "[notices]") {
  Outcome o = read(
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<tony@aol.example>:\n"
      "554: 5.7.1 Recipient is only accepting mail from specific email addresses\n");
  CHECK(o.reason == "filtered");
}

TEST_CASE("a recipient's own refusal settings, in Japanese and Czech", "[notices][i18n]") {
  CHECK(read("送信したメールは相手先の受信拒否設定により配信されませんでした。\n宛先：taro@example.jp\n").reason == "filtered");
  CHECK(read("Zpráva nebyla doručena příjemci karel@example.cz.\nDůvod: příjemce odmítá zprávy od tohoto odesílatele.\n")
            .reason == "filtered");
}

TEST_CASE("the address that leads a Postfix paragraph is its recipient", "[notices]") {
  // The reply quotes the original sender; Postfix names the recipient first.
  Outcome o = read(
      "<ops@example.com>: host mx.example.com[192.0.2.7]\n"
      "    said: 554 5.7.1 The message from (<news@example.net>) with the subject of (Weekly)\n"
      "    matches a profile the Internet community may consider spam. (in reply to end of DATA command)\n");
  CHECK(o.recipient == "ops@example.com");
  CHECK(o.reason == "spamdetected");
}

TEST_CASE("Python's smtplib names every refused recipient with its own reply", "[notices][client]") {
  bx::Report r = bx::explain(
      "smtplib.SMTPRecipientsRefused: {'ana@example.com': (550, b'5.1.1 <ana@example.com>: Recipient address "
      "rejected: User unknown'), 'joe@example.com': (452, b'4.2.2 Mailbox full')}\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].recipient == "ana@example.com");
  CHECK(r.records[0].reason == "userunknown");
  CHECK(r.records[1].recipient == "joe@example.com");
  CHECK(r.records[1].reason == "mailboxfull");
  // Not a dict of refusals: a quote before ": (" that closes nothing, at the very start.
  CHECK_NOTHROW(bx::explain("': (550, b'x')\n\": (\n'a@b.c': (55"));
}

TEST_CASE("a Gmail notice forwarded with its lines quoted", "[notices]") {
  Outcome o = read(
      "---------- Forwarded message ---------\n"
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
      "Subject: Delivery Status Notification (Failure)\n\n"
      "> Address not found\n>\n"
      "> Your message wasn't delivered to pieter@example.nl because the address\n"
      "> couldn't be found, or is unable to receive mail.\n>\n"
      "> The response from the remote server was:\n"
      "> 550 5.1.1 Recipient unknown\n");
  CHECK(o.recipient == "pieter@example.nl");
  CHECK(o.reason == "userunknown");
}
