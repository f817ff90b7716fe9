//! The shop's words in Hindi.

use crate::checkout::Fulfilment;
use crate::order_status::OrderStatus;
use crate::pack_size::Measure;
use crate::product::Availability;

use super::{Label, Language, Noun, Plural, Template, Wordings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hindi;

impl Language for Hindi {
    fn tag(&self) -> &'static str {
        "hi"
    }

    fn our_shop(&self) -> &'static str {
        "हमारी दुकान"
    }

    fn label(&self, label: Label) -> &'static str {
        const LABELS: Wordings<{ Label::ALL.len() }> = wordings!(Label {
            RepliesInstantly => "तुरंत जवाब देता है",
            Conversation => "बातचीत",
            SuggestedReplies => "सुझाए गए जवाब",
            Message => "संदेश",
            MessagePlaceholder => "संदेश लिखें, जैसे atta",
            Send => "भेजें",
            YourCart => "आपका कार्ट",
            Checkout => "चेकआउट",
            Close => "बंद करें",
            CartIsEmpty => "आपका कार्ट ख़ाली है।",
            Subtotal => "सामान का जोड़",
            Remove => "हटाएँ",
            BackToCart => "कार्ट पर वापस",
            PlaceOrder => "ऑर्डर करें",
            SendOnWhatsApp => "WhatsApp पर ऑर्डर भेजें",
            NewerOrder => "इसकी जगह नया ऑर्डर बन गया है।",
            Add => "जोड़ें",
            Was => "पहले ",
            Previous => "‹ पिछले",
            Next => "अगले ›",
            PreviousProducts => "पिछले सामान",
            NextProducts => "अगले सामान",
            Name => "नाम",
            Phone => "फ़ोन",
            HowToReceive => "ऑर्डर कैसे लेना चाहेंगे?",
            Delivery => "होम डिलीवरी",
            Pickup => "दुकान से ले जाएँगे",
            PickupOnly => "यह दुकान डिलीवरी नहीं करती: ऑर्डर दुकान से ले जाना होगा।",
            House => "मकान/फ़्लैट, बिल्डिंग",
            Area => "इलाक़ा या लैंडमार्क (ज़रूरी नहीं)",
            City => "शहर",
            Region => "राज्य",
            RegionOptional => "राज्य या क्षेत्र (ज़रूरी नहीं)",
            PinCode => "पिन कोड",
            Postcode => "पोस्टकोड (ज़रूरी नहीं)",
            DeliveryTime => "डिलीवरी का समय",
            AnyTime => "कभी भी",
            PaymentMethod => "भुगतान",
            CashOnDelivery => "डिलीवरी पर नकद",
            CashAtPickup => "दुकान पर नकद",
            Upi => "UPI",
            PayInChat => "चैट में भुगतान (दुकान जानकारी भेजेगी)",
            Remember => "अगले ऑर्डर के लिए मेरा नाम, फ़ोन और पता इस डिवाइस पर याद रखें",
            ReviewOrder => "ऑर्डर देखें",
            ReviewTitle => "अपना ऑर्डर जाँचें",
            ReviewExplained => "दुकान को ठीक यही मिलेगा:",
            EditDetails => "जानकारी बदलें",
            CopyOrderText => "ऑर्डर का टेक्स्ट कॉपी करें",
            Copied => "कॉपी हो गया। इसे दुकान की चैट में पेस्ट करें।",
            CopyFailed => "यह ब्राउज़र कॉपी नहीं करने देता: ऑर्डर का टेक्स्ट चुनकर ख़ुद कॉपी करें।",
            OpenWhatsAppWeb => "WhatsApp Web में खोलें",
            ScanToContinue => "या फ़ोन से यह स्कैन करके वहाँ से भेजें:",
            ScanToPay => "भुगतान के लिए किसी भी UPI ऐप से स्कैन करें:",
            LinkCompacted => "ऑर्डर लंबा है, इसलिए संदेश में सामान दुकान के कोड से लिखे हैं ताकि एक WhatsApp लिंक में आ जाए।",
            LinkSummarised => "ऑर्डर एक WhatsApp लिंक के लिए बहुत लंबा है: लिंक में रेफ़रेंस और कुल रकम है। नीचे से पूरा ऑर्डर कॉपी करके उसके बाद चैट में पेस्ट करें।",
            TryAgain => "फिर कोशिश करें",
            SendOnWhatsAppInstead => "इसके बजाय WhatsApp पर भेजें",
            SentThroughWhatsApp => "यह ऑर्डर अब WhatsApp से जाएगा; दो बार नहीं भेजा जाएगा।",
            OrderText => "ऑर्डर का टेक्स्ट",
            ChatToOrder => "चैट से ऑर्डर करें",
            CloseChat => "चैट बंद करें",
            Notes => "नोट (ज़रूरी नहीं)",
            MoreOnShopSite => "दुकान की वेबसाइट पर और जानकारी",
            CartRestored => "आपका कार्ट पहले जैसा वापस आ गया।",
            OlderResultsHidden => "पुराने नतीजे समेट दिए गए हैं।",
            ProductsOnTheirWay => "ये उत्पाद लोड हो रहे हैं…",
            ShowAgain => "इन्हें फिर दिखाएँ",
            EarlierMessagesHidden => "चैट तेज़ रखने के लिए पुराने संदेश छिपाए गए हैं।",
            CatalogStillLoading => "एक पल, सामान की सूची आ रही है। आते ही दिखा दूँगा।",
            LoadingCatalog => "सामान की सूची लोड हो रही है…",
            CartNotSaved => "यह ब्राउज़र आपका कार्ट सहेजने नहीं देता, इसलिए यह सिर्फ़ इस पेज के खुले रहने तक रहेगा।",
            NothingToOrder => "कार्ट में अभी कुछ भी ऑर्डर नहीं हो सकता",
            PricesNotLoaded => "सामान की सूची लोड नहीं हुई, इसलिए दाम जाँचे नहीं जा सकते",
            Loading => "लोड हो रहा है…",
            CartNotLoaded => "कार्ट लोड नहीं हो सका। अपना इंटरनेट कनेक्शन देखें और फिर से कोशिश करें; उसका सामान सुरक्षित है।",
            SavedNotLoaded => "इस डिवाइस पर सहेजा गया आपका कार्ट, ऑर्डर और विवरण अभी लोड नहीं हो सके। अपना इंटरनेट कनेक्शन देखें; दुकान अपने आप फिर से कोशिश करेगी।",
            CheckoutNotLoaded => "चेकआउट लोड नहीं हो सका। अपना इंटरनेट कनेक्शन देखें और फिर से कोशिश करें।",
            OrderNotShown => "आपका ऑर्डर सहेजा गया है, पर उसका संदेश लोड नहीं हो सका। अपना इंटरनेट कनेक्शन देखें और फिर से कोशिश करें।",
            OrderSent => "धन्यवाद! आपका ऑर्डर WhatsApp पर चला गया। अगर अभी तक नहीं भेजा, तो वहाँ भेजें दबाएँ। नया ऑर्डर शुरू करने के लिए नमस्ते कहें।",
            SayHi => "नमस्ते",
            BrowseCategories => "श्रेणियाँ देखें",
            Search => "खोजें",
            ViewCart => "कार्ट देखें",
            Help => "मदद",
            ClearCart => "कार्ट ख़ाली करें",
            Undo => "वापस लाएँ",
            Total => "कुल",
            Discount => "छूट",
            Free => "मुफ़्त",
            OfferCode => "ऑफ़र कोड",
            Apply => "लगाएँ",
            TermsUnknown => "दुकान के डिलीवरी शुल्क और ऑफ़र लोड नहीं हो सके",
            OrdersSetAside => "इस डिवाइस पर पहले सहेजे गए ऑर्डर पढ़े नहीं जा सके, इसलिए उन्हें अलग रख दिया गया और भेजा नहीं गया। अगर आपका कोई ऑर्डर दुकान तक नहीं पहुँचा, तो कृपया दुकान को बताएँ।",
            DetailsUnreadable => "आपका सहेजा हुआ नाम और पता पढ़ा नहीं जा सका; कृपया चेकआउट पर उन्हें फिर से भरें।",
            MyOrders => "मेरे ऑर्डर",
            SentOnWhatsApp => "WhatsApp पर भेजा गया: दुकान वहीं पुष्टि करेगी।",
            NoUpdatesHere => "दुकान यहाँ कोई जानकारी नहीं देती।",
            StatusUnreachable => "अभी दुकान से संपर्क नहीं हो सका; यह आख़िरी जानकारी है।",
            OrdersNotLoaded => "आपके ऑर्डर लोड नहीं हो सके। अपना कनेक्शन देखें और फिर से कोशिश करें।",
        });
        LABELS.get(label as usize)
    }

    fn template(&self, template: Template) -> &'static str {
        const TEMPLATES: Wordings<{ Template::ALL.len() }> = wordings!(Template {
            Opening => "{store} में आपका स्वागत है! ख़रीदारी शुरू करने के लिए नमस्ते कहें।",
            CategoryHeading => "{name}: {count}",
            SearchResultsHeading => "\"{query}\" के लिए {count} मिले",
            ClosestHeading => "\"{query}\" के सभी शब्दों वाला कुछ नहीं मिला; सबसे मिलते-जुलते {count}:",
            SuggestionsHeading => "\"{query}\" से ठीक-ठीक कुछ नहीं मिला। शायद इनमें से कोई?",
            Welcome => "नमस्ते! यह {store} है। श्रेणियाँ देखें, जो चाहिए वह लिखें \
             (जैसे \"atta\" या \"butter\"), या अपना कार्ट खोलें।",
            Categories => "हमारे यहाँ यह सब मिलता है। एक श्रेणी चुनें:",
            Subcategories => "{category} में क्या चाहिए? एक चुनें:",
            Added => "{quantity} x {item} आपके कार्ट में जोड़ दिया।",
            WhichOne => "आपका मतलब कौन-सा है? नीचे से चुनें, या नाम थोड़ा और लिखें।",
            OnlyThisOne => "उस साइज़ में नहीं है; हमारे पास {item} है।",
            Removed => "{item} आपके कार्ट से हटा दिया।",
            WhichToRemove => "कार्ट से कौन-सा हटाऊँ?",
            CartCleared => "आपका कार्ट अब ख़ाली है।",
            NotInCart => "आपके कार्ट में \"{query}\" नहीं है।",
            NoMatches => "माफ़ कीजिए, \"{query}\" से कुछ नहीं मिला। कोई और शब्द लिखें या श्रेणियाँ देखें।",
            AskWhatToSearch => "आप क्या ढूँढ रहे हैं? कोई सामान या ब्रांड लिखें।",
            OpenCart => "यह रहा आपका कार्ट।",
            OpenCheckout => "चलिए, ऑर्डर पूरा करते हैं।",
            OpenOrders => "इस डिवाइस से दिए गए ऑर्डर ये हैं।",
            NoOrdersYet => "इस डिवाइस से अभी तक कोई ऑर्डर नहीं दिया गया। बताइए क्या चाहिए, जैसे \"2 आटा 5kg\"।",
            Help => "खोजने के लिए सामान का नाम लिखें, श्रेणियों के लिए \"मेनू\", कार्ट के लिए \
             \"कार्ट\", या ऑर्डर के लिए \"चेकआउट\"। एक लाइन में भी ऑर्डर कर सकते हैं, जैसे \
             \"2 atta 5kg\"।",
            CatalogUnavailable => "सामान की सूची अभी उपलब्ध नहीं है, इसलिए अभी सामान नहीं दिखा सकते।",
            AllOf => "सभी {category}",
            SetupProblem => "सेटअप में समस्या: {problem}",
            CartSetAside => "आपका सहेजा हुआ कार्ट पढ़ा नहीं जा सका ({problem}), इसलिए उसे अलग रख दिया गया है और आप ख़ाली कार्ट से शुरू कर रहे हैं।",
            NoLongerSold => "{title} अब यहाँ नहीं बिकता, इसलिए हटा दिया गया।",
            CannotOrderNow => "{title} अभी ऑर्डर नहीं हो सकता; यह कार्ट में रहेगा पर ऑर्डर में नहीं।",
            PriceChanged => "{title} अब {now} का है (पहले {was})।",
            SinceLastVisit => "आपके पिछली बार आने के बाद से: {changes}",
            CatalogFailed => "माफ़ कीजिए, सामान की सूची लोड नहीं हो सकी: {failure}। आप बात जारी रख सकते हैं और फिर कोशिश कर सकते हैं।",
            PieceFailed => "माफ़ कीजिए, कुछ सामान अभी लोड नहीं हो सका: {failure}। थोड़ी देर में फिर पूछिए।",
            CatalogProgress => "सामान की सूची लोड हो रही है: {total} MB में से {received} MB",
            CatalogSoFar => "सामान की सूची लोड हो रही है: अब तक {received} MB",
            HandoffBlocked => "ऑर्डर अभी भेजा नहीं जा सकता: {reason}। आपका कार्ट और जानकारी सुरक्षित हैं; कृपया दुकान को बताएँ।",
            NameMissing => "अपना नाम लिखें ताकि दुकान जाने कि ऑर्डर किसका है।",
            PhoneMissing => "वह फ़ोन नंबर लिखें जिस पर दुकान आपको कॉल कर सके।",
            NotAPhone => "7 से 15 अंकों का फ़ोन नंबर लिखें, जैसे +91 98765 43210।",
            HouseMissing => "अपना मकान या फ़्लैट नंबर और बिल्डिंग लिखें।",
            CityMissing => "अपना शहर लिखें।",
            RegionMissing => "अपना राज्य लिखें।",
            PinCodeMissing => "अपना 6 अंकों का पिन कोड लिखें।",
            NotAPin => "पिन कोड में 6 अंक होते हैं, जैसे 400053।",
            NotAPostcode => "3 से 10 अक्षरों या अंकों का पोस्टकोड लिखें।",
            SlotNotOffered => "दुकान के दिए गए डिलीवरी समय में से एक चुनें।",
            PaymentNotOffered => "दुकान के दिए गए भुगतान के तरीक़ों में से एक चुनें।",
            TooLong => "इसे {max} अक्षरों से कम रखें।",
            CheckField => "यह जानकारी जाँचें।",
            HiddenCharacter => "इसे दोबारा लिखें: इसमें टैब जैसा कोई छिपा हुआ अक्षर है, जो यहाँ नहीं चल सकता।",
            Sending => "ऑर्डर {reference} दुकान को भेजा जा रहा है…",
            Received => "दुकान को ऑर्डर {reference} #{number} मिल गया। धन्यवाद! नया ऑर्डर शुरू करने के लिए नमस्ते कहें।",
            ReceivedUnnumbered => "दुकान को ऑर्डर {reference} मिल गया। धन्यवाद! नया ऑर्डर शुरू करने के लिए नमस्ते कहें।",
            Retrying => "अभी नहीं भेजा गया: दुकान के सर्वर ने जवाब नहीं दिया। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है; {seconds} सेकंड में फिर कोशिश होगी।",
            WaitingForConnection => "अभी नहीं भेजा गया: आप ऑफ़लाइन हैं। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है और इंटरनेट आते ही भेज दिया जाएगा।",
            Unreachable => "नहीं भेजा गया: दुकान का सर्वर अभी नहीं मिल रहा। ऑर्डर {reference} इस डिवाइस पर सुरक्षित है। फिर कोशिश करें, या इसी रेफ़रेंस के साथ WhatsApp पर भेजें।",
            Refused => "दुकान के सर्वर ने ऑर्डर {reference} स्वीकार नहीं किया ({why})। आप इसे WhatsApp पर भेज सकते हैं, दुकान आपसे बात कर लेगी।",
            OrderReady => "ऑर्डर {reference} तैयार है। पुष्टि के लिए इसे WhatsApp (+{digits}) पर दुकान को भेजें।",
            NotInOrder => "{status}: आपके ऑर्डर में नहीं",
            OptionOf => "{title} का {kind}",
            PagePosition => "{total} में से {first}–{last}",
            CartEmpty => "कार्ट, ख़ाली",
            CartCount => "कार्ट, {items}",
            AddToCart => "{title} कार्ट में जोड़ें",
            DetailsOf => "{title} का विवरण",
            InCart => "कार्ट में {n}",
            QuantityOf => "{title} की मात्रा",
            Decrease => "{title} की मात्रा घटाएँ",
            Increase => "{title} की मात्रा बढ़ाएँ",
            RemoveItem => "{title} हटाएँ",
            CheckoutSummary => "{items}, कुल {total}",
            PayWithUpi => "UPI से {amount} का भुगतान करें",
            CartWaitingForPrices => "आपके कार्ट में {items} हैं। सूची लोड होते ही दाम और कुल दिखेंगे।",
            FreeDeliveryFrom => "{threshold} से डिलीवरी मुफ़्त: {more} का और सामान जोड़ें।",
            BelowMinimum => "कम से कम {minimum} का ऑर्डर चाहिए: चेकआउट के लिए {more} का और सामान जोड़ें।",
            NotDelivered => "हम अभी {pin} पर डिलीवरी नहीं करते।",
            NotDeliveredTryPickup => "हम अभी {pin} पर डिलीवरी नहीं करते; आप ऑर्डर दुकान से ले सकते हैं।",
            DiscountWithCode => "छूट ({code})",
            OfferApplied => "{code} लग गया।",
            OfferUnknown => "{code} इस दुकान का ऑफ़र नहीं है।",
            OfferNotYet => "{code} {date} से शुरू होगा।",
            OfferEnded => "{code} {date} को ख़त्म हो गया।",
            OfferNeedsMore => "{code} {minimum} या उससे ज़्यादा के कार्ट पर है: {more} का और सामान जोड़ें।",
            OfferOutdone => "{code} से आपको पहले से मिले ऑफ़र से कम छूट मिलती है।",
            CustomerUpdate => "{store}: ऑर्डर {reference} — {status}।",
            ReadyIn => "लगभग {minutes} मिनट में।",
            StatusReason => "कारण: {reason}",
            ExpectedBy => "{time} तक पहुँचने की उम्मीद।",
        });
        TEMPLATES.get(template as usize)
    }

    /// CLDR: one for 0 and 1.
    fn plural(&self, n: u64) -> Plural {
        if n <= 1 {
            Plural::One
        } else {
            Plural::Other
        }
    }

    /// "सामान" is the same for one and many.
    fn noun(&self, noun: Noun, _form: Plural) -> &'static str {
        match noun {
            Noun::Product | Noun::Item => "सामान",
        }
    }

    fn availability_note(&self, availability: Availability) -> Option<&'static str> {
        match availability {
            Availability::Preorder => Some("प्री-ऑर्डर: आने पर पहुँचाया जाएगा"),
            Availability::AvailableForOrder => Some("ऑर्डर पर बनता है: पहुँचने में ज़्यादा समय लगता है"),
            Availability::InStock | Availability::OutOfStock | Availability::Discontinued => None,
        }
    }

    fn status_name(&self, status: OrderStatus, fulfilment: Fulfilment) -> &'static str {
        let pickup = fulfilment == Fulfilment::Pickup;
        match status {
            OrderStatus::Received => "मिल गया",
            OrderStatus::Accepted => "स्वीकार किया गया",
            OrderStatus::Rejected => "अस्वीकार किया गया",
            OrderStatus::Packed if pickup => "लेने के लिए तैयार",
            OrderStatus::Packed => "पैक हो गया",
            OrderStatus::OutForDelivery => "डिलीवरी के लिए निकला",
            OrderStatus::Delivered if pickup => "ले लिया गया",
            OrderStatus::Delivered => "पहुँचा दिया गया",
            OrderStatus::Cancelled => "रद्द किया गया",
        }
    }

    fn unavailable_label(&self, availability: Availability) -> &'static str {
        match availability {
            Availability::Discontinued => "अब नहीं बिकता",
            _ => "स्टॉक में नहीं",
        }
    }

    fn option_kind(&self, has_size: bool, has_color: bool) -> &'static str {
        match (has_size, has_color) {
            (true, true) => "साइज़ और रंग",
            (false, true) => "रंग",
            (true, false) => "साइज़",
            (false, false) => "विकल्प",
        }
    }

    fn per(&self, measure: Measure) -> &'static str {
        match measure {
            Measure::Kilogram => "प्रति किलो",
            Measure::Litre => "प्रति लीटर",
            Measure::Piece => "प्रति पीस",
        }
    }
}
