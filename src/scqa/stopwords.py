"""Word lists for keyword search: stop words and question words, Vietnamese and English.

Vietnamese entries are written as pyvi segments them (compounds joined with "_"). Because folding
merges many syllables ("có", "cơ", "cỡ" → "co"), the list of *unaccented* stop words is kept by
hand to the function words whose folded form is rarely a content syllable; "de" (để / đề án), "do"
(do / đô thị), "thi" (thì / đô thị), "da" (đã / đa dạng) are deliberately left out.
"""

from __future__ import annotations


def _words(s: str) -> list[str]:
    return s.split()


VI_STOPWORDS = frozenset(
    _words(
        "à ạ ai anh ấy bà bao_giờ bằng bên bị bởi bởi_vì các cái cần càng chỉ chiếc cho chứ "
        "chưa chúng chúng_ta chúng_tôi của cùng cũng đã đang đây để đến đều điều do đó được gì "
        "hay hơn hoặc khi khiến không là lại lên lúc mà mình mỗi một_cách này nào nên nếu nhau "
        "nhiều như nhưng những nơi nữa ở phải qua ra rằng rất rồi sau sẽ so sự tại theo thì thế "
        "tới trên trước từ từng và vào vẫn về vì vừa với vậy xuống cả chính nhằm đối_với "
        "trong_khi tuy_nhiên ngoài_ra do_đó vì_vậy như_vậy bên_cạnh đồng_thời thông_qua trong "
        "các_bạn cho_biết cho_rằng họ hết kể này_nọ nhé nhỉ thôi thật vâng dạ ôi ơi chăng chẳng "
        "chớ đâu đấy kia kìa nọ song tuy vả_lại mặc_dù hầu_hết hầu_như nhất_là đặc_biệt_là "
        "trong_đó trong_số vốn thường thay cũng_như ngày_càng có_thể luôn vẫn_còn đã_được "
        "sẽ_được đang_được bị_được hay_là là_một có"
    )
)

# Unaccented forms removed from text typed without marks (see module doc for what is left in).
VI_UNACCENTED_STOPWORDS = frozenset(
    _words(
        "cua duoc nhung va cac la cho nay voi trong nhu cung hoac khong vao boi neu theo rang "
        "nhau moi vi tai tren"
    )
)

VI_QUESTION_WORDS = frozenset(
    _words(
        "gì nào bao_nhiêu bao nhiêu khi_nào bao_giờ giờ đâu ở_đâu sao tại_sao vì_sao thế_nào "
        "như_thế_nào mấy hả chưa không ai"
    )
)
VI_UNACCENTED_QUESTION_WORDS = frozenset(["gi", "nao", "bao", "nhieu", "khi", "gio"])

EN_STOPWORDS = frozenset(
    _words(
        "a about above after again against all am an and any are as at be because been before "
        "being below between both but by can could did do does doing down during each few for "
        "from further had has have having he her here hers herself him himself his i if in into "
        "is it its itself just me more most my myself no nor not now of off on once only or "
        "other our ours ourselves out over own same she should so some such than that the their "
        "theirs them themselves then there these they this those through to too under until up "
        "very was we were what when where which while who whom why will with would you your "
        "yours yourself yourselves also its it's s t can't don't isn't may might must shall "
        "upon via per"
    )
)
EN_QUESTION_WORDS = frozenset(
    ["what", "which", "when", "where", "who", "whom", "whose", "why", "how", "many", "much"]
)

# Unaccented spellings of frequent Vietnamese words that normally carry marks: many of them in a
# text without any marks means Vietnamese typed (or stored) without diacritics.
UNACCENTED_HINTS = frozenset(
    _words(
        "duoc cua nhung cac nguoi viec voi mot nhieu trien phat thanh pho quoc dong cong nghe "
        "quan dieu chinh phu tinh hien nhu xay dung nay khong trong dan"
    )
)

# Unaccented words that mark a short query as Vietnamese ("de an 950 duoc phe duyet ngay nao").
VI_HINT_WORDS = frozenset(
    _words(
        "cua duoc nhung va cac la co khong trong cho voi nguoi nam ngay nao gi bao nhieu khi "
        "nay mot de an thanh pho do thi thong minh quyet dinh phe duyet chinh phu tinh viet "
        "theo ve chuyen doi phat trien xay dung quan ly nghe cong ha tang nuoc nha"
    )
)
