"""The demo company's product master, HS table, negative lists and listings (plain data).

Thirty products across HS chapters 06–97, as a small Yiwu/Shenzhen seller might carry, with
listings on Amazon US, Amazon DE, Shopee PH and AliExpress. HS codes are 10-digit Chinese
tariff + statistics codes chosen to look like the real ones for these goods; refund rates are
illustrative (13 % for most manufactured goods, 9 % for a few) — a demo, not a tariff.
"""

from __future__ import annotations

from typing import Any

# sku, name_zh, name_en, brand, spec, hs_code, declared_name, declared_unit, net kg, gross kg,
# (l, w, h) cm, unit cost CNY, barcode
PRODUCTS: list[tuple[Any, ...]] = [
    ("MUG-350-BLU", "不锈钢保温杯 350ml 蓝", "Stainless travel mug 350 ml, blue", "Lanbei", "350ml|304不锈钢|蓝色", "9617001900", "保温杯", "007", "0.30", "0.38", ("8", "8", "20"), "18.50", "6971234567895"),
    ("MUG-350-GRN", "不锈钢保温杯 350ml 绿", "Stainless travel mug 350 ml, green", "Lanbei", "350ml|304不锈钢|绿色", "9617001900", "保温杯", "007", "0.30", "0.38", ("8", "8", "20"), "18.50", ""),
    ("LAMP-USB-WHT", "USB 迷你台灯 5W 白", "USB desk lamp mini 5 W, white", "Lumo", "5W|USB供电|白色", "9405210000", "台灯", "001", "0.45", "0.60", ("12", "12", "30"), "32.00", "0012345678905"),
    ("TENT-4P-GRN", "四人防水帐篷 绿", "Family tent 4 person, waterproof, green", "Outvia", "4人|涤纶|绿色", "6306220000", "帐篷", "006", "3.20", "3.90", ("60", "20", "20"), "168.00", ""),
    ("PB-10K", "充电宝 10000mAh", "Power bank 10000 mAh", "Voltix", "10000mAh|锂离子", "8507600090", "锂离子蓄电池", "007", "0.22", "0.30", ("14", "7", "2"), "45.00", ""),
    ("EAR-BT5", "蓝牙耳机", "Bluetooth earbuds", "Voltix", "蓝牙5.3|入耳式", "8518300000", "耳机", "007", "0.05", "0.12", ("8", "6", "3"), "38.00", ""),
    ("CHG-20W", "20W 快充充电器", "20 W USB-C charger", "Voltix", "20W|PD快充", "8504401400", "充电器", "007", "0.06", "0.09", ("5", "5", "3"), "15.80", ""),
    ("CBL-USBC-1M", "USB-C 数据线 1米", "USB-C cable 1 m", "Voltix", "1m|USB-C", "8544422100", "数据线", "015", "0.03", "0.04", ("10", "8", "2"), "4.20", ""),
    ("TEE-COT-M", "纯棉T恤 M码", "Cotton T-shirt, size M", "Basix", "100%棉|针织|M", "6109100010", "棉制针织T恤", "011", "0.18", "0.22", ("25", "20", "2"), "16.00", ""),
    ("HOOD-COT-L", "棉质连帽卫衣 L码", "Cotton hoodie, size L", "Basix", "80%棉20%涤|针织|L", "6110200011", "棉制针织套头衫", "011", "0.55", "0.65", ("30", "25", "5"), "48.00", ""),
    ("SNK-RUN-42", "跑步鞋 42码", "Running shoes, EU 42", "Stridea", "纺织面|橡胶底|42", "6404199000", "运动鞋", "025", "0.62", "0.90", ("32", "20", "12"), "85.00", ""),
    ("BAG-TRV-45", "旅行收纳包 45L", "Travel duffel bag 45 l", "Outvia", "45L|涤纶", "4202920000", "旅行包", "011", "0.70", "0.85", ("45", "30", "5"), "39.00", ""),
    ("TOY-BLK-120", "积木玩具 120粒", "Building blocks, 120 pieces", "Playo", "120粒|ABS塑料", "9503008900", "塑料积木玩具", "006", "0.40", "0.52", ("25", "18", "8"), "22.00", ""),
    ("FIT-BAND-5", "弹力带五件套", "Resistance bands, set of 5", "Flexo", "乳胶|5件", "9506911900", "健身弹力带", "006", "0.30", "0.36", ("18", "12", "5"), "12.50", ""),
    ("COS-LIP-01", "口红 #01", "Lipstick #01", "Rosy", "3.5g|哑光", "3304100090", "唇用化妆品", "012", "0.02", "0.05", ("9", "3", "3"), "9.80", ""),
    ("SOAP-HND-3", "手工皂三块装", "Handmade soap, 3 bars", "Rosy", "3x100g", "3401110000", "盥洗用肥皂", "017", "0.30", "0.36", ("18", "7", "4"), "14.00", ""),
    ("KIT-UTN-6", "硅胶厨具六件套", "Silicone kitchen utensils, 6 pieces", "Kitchy", "食品级硅胶|6件", "3924100000", "塑料厨房用具", "006", "0.55", "0.70", ("35", "10", "8"), "26.00", ""),
    ("GLS-CUP-2", "双层玻璃杯两只装", "Double-wall glass cups, set of 2", "Kitchy", "250ml|高硼硅", "7013370000", "玻璃杯", "007", "0.40", "0.62", ("18", "10", "12"), "19.00", ""),
    ("CER-PLT-4", "陶瓷餐盘四件套", "Ceramic plates, set of 4", "Kitchy", "陶瓷|8英寸", "6912001000", "陶瓷餐具", "006", "2.10", "2.60", ("25", "25", "10"), "42.00", ""),
    ("KTL-ELC-1L", "电热水壶 1升", "Electric kettle 1 l", "Kitchy", "1L|1500W", "8516710000", "电热水壶", "001", "0.85", "1.20", ("20", "16", "24"), "58.00", ""),
    ("BLD-MINI", "便携榨汁杯", "Portable blender", "Kitchy", "350ml|USB充电", "8509400090", "榨汁机", "001", "0.50", "0.68", ("10", "10", "25"), "36.00", ""),
    ("WCH-QTZ-01", "石英手表", "Quartz wrist watch", "Horo", "石英|不锈钢表壳", "9102110000", "电子手表", "008", "0.08", "0.20", ("10", "8", "7"), "55.00", ""),
    ("JWL-NCK-01", "合金项链", "Alloy necklace", "Glint", "合金镀金|45cm", "7117190000", "仿首饰", "015", "0.01", "0.03", ("8", "6", "2"), "6.50", ""),
    ("SUN-POL-01", "偏光太阳镜", "Polarised sunglasses", "Glint", "偏光|UV400", "9004100000", "太阳镜", "019", "0.03", "0.10", ("16", "7", "5"), "18.00", ""),
    ("CAP-BSB-01", "棒球帽", "Baseball cap", "Basix", "棉|可调节", "6505009900", "帽子", "015", "0.09", "0.12", ("25", "18", "12"), "11.00", ""),
    ("COF-BEAN-250", "烘焙咖啡豆 250克", "Roasted coffee beans 250 g", "Beanry", "250g|中度烘焙", "0901210000", "焙炒咖啡", "035", "0.25", "0.29", ("18", "10", "6"), "35.00", ""),
    ("CHP-BMB-10", "竹筷十双装", "Bamboo chopsticks, 10 pairs", "Kitchy", "竹制|10双", "4419120000", "竹筷", "025", "0.20", "0.25", ("26", "6", "3"), "5.50", ""),
    ("DRN-MINI-4K", "迷你航拍无人机 4K", "Mini camera drone 4K", "Skyo", "4K|249g", "8806221000", "无人驾驶航空器", "003", "0.25", "0.60", ("20", "15", "8"), "320.00", ""),
    ("FWK-SPK-10", "手持烟花棒十支", "Sparklers, 10 pieces", "Festo", "10支", "3604100000", "烟花", "125", "0.10", "0.15", ("30", "5", "2"), "3.00", ""),
    ("ART-OIL-40", "手绘油画 40x50", "Hand-painted oil painting 40×50 cm", "Atelier Li", "布面油画|40x50cm", "9701910000", "手绘油画", "023", "0.80", "1.30", ("52", "42", "4"), "150.00", ""),
]

# HS table: code, description, legal unit 1, legal unit 2, refund rate, refund cancelled,
# licence required.
HS_CODES: list[tuple[Any, ...]] = [
    ("9617001900", "其他真空保温容器", "007", "035", "0.13", False, False),
    ("9405210000", "LED 台灯、床头灯", "007", "035", "0.13", False, False),
    ("6306220000", "合成纤维制帐篷", "035", "", "0.13", False, False),
    ("8507600090", "其他锂离子蓄电池", "007", "035", "0.13", False, False),
    ("8518300000", "耳机及耳塞机", "007", "035", "0.13", False, False),
    ("8504401400", "功率小于1千瓦的电源适配器", "007", "035", "0.13", False, False),
    ("8544422100", "额定电压不超过80伏的有接头电缆", "035", "", "0.13", False, False),
    ("6109100010", "棉制针织T恤衫", "011", "035", "0.13", False, False),
    ("6110200011", "棉制针织套头衫", "011", "035", "0.13", False, False),
    ("6404199000", "纺织材料鞋面的其他鞋", "025", "035", "0.13", False, False),
    ("4202920000", "以塑料或纺织材料作面的旅行用品包", "035", "011", "0.13", False, False),
    ("9503008900", "其他玩具", "035", "", "0.13", False, False),
    ("9506911900", "其他健身器械", "035", "", "0.13", False, False),
    ("3304100090", "其他唇用化妆品", "035", "", "0.09", False, False),
    ("3401110000", "盥洗用肥皂", "035", "", "0.09", False, False),
    ("3924100000", "塑料制餐具及厨房用具", "035", "", "0.13", False, False),
    ("7013370000", "其他玻璃杯", "035", "007", "0.13", False, False),
    ("6912001000", "陶瓷餐具", "035", "", "0.13", False, False),
    ("8516710000", "电热咖啡壶或茶壶", "001", "035", "0.13", False, False),
    ("8509400090", "其他食品研磨机、榨汁机", "001", "035", "0.13", False, False),
    ("9102110000", "仅有光电显示器的电子手表", "008", "", "0.13", False, False),
    ("7117190000", "贱金属制其他仿首饰", "035", "", "0.13", False, False),
    ("9004100000", "太阳镜", "019", "", "0.13", False, False),
    ("6505009900", "其他帽类", "035", "015", "0.13", False, False),
    ("0901210000", "已焙炒未浸除咖啡碱的咖啡", "035", "", "0.09", False, False),
    ("4419120000", "竹制筷子", "025", "035", "0", True, False),
    ("8806221000", "航拍无人驾驶航空器", "003", "035", "0.13", False, True),
    ("3604100000", "烟花、爆竹", "035", "", "0.13", False, True),
    ("9701910000", "手绘油画", "023", "", "0.13", False, False),
]

# kind, HS prefix, keyword, reason
NEGATIVE_LISTS: list[tuple[Any, ...]] = [
    ("prohibited-mail", "8507", "", "锂电池不得作为普通邮件寄递 / Lithium batteries may not go by ordinary post"),
    ("prohibited-mail", "3604", "", "烟花爆竹属易燃易爆物品，禁止寄递 / Fireworks are explosives: prohibited in the mail"),
    ("prohibited-mail", "", "打火机", "打火机含易燃气体 / Lighters contain flammable gas"),
    ("prohibited-mail", "", "lighter", "Lighters contain flammable gas"),
    ("licence-required", "8806", "", "无人机出口需两用物项出口许可证 / Drones need a dual-use export licence"),
    ("licence-required", "", "drone", "Drones need a dual-use export licence"),
    ("refund-cancelled", "4419", "", "一次性木筷、竹筷取消出口退税 / Export refund cancelled for wooden and bamboo chopsticks"),
]

# sku, store, msku, external id, price, currency, quantity, status, fulfilment
LISTINGS: list[tuple[Any, ...]] = []
_US = {"MUG-350-BLU": "39.99", "MUG-350-GRN": "39.99", "LAMP-USB-WHT": "29.99",
       "TENT-4P-GRN": "129.00", "EAR-BT5": "24.99", "CHG-20W": "15.99", "CBL-USBC-1M": "7.99",
       "TEE-COT-M": "14.99", "SNK-RUN-42": "59.99", "TOY-BLK-120": "19.99", "KIT-UTN-6": "21.99",
       "WCH-QTZ-01": "45.00", "SUN-POL-01": "16.99", "DRN-MINI-4K": "189.00"}
_DE = {"MUG-350-BLU": "36.99", "LAMP-USB-WHT": "27.99", "EAR-BT5": "22.99", "CHG-20W": "14.99",
       "GLS-CUP-2": "18.99", "CER-PLT-4": "34.99", "KTL-ELC-1L": "39.99", "BAG-TRV-45": "32.99"}
_PH = {"MUG-350-BLU": "699", "LAMP-USB-WHT": "319", "TENT-4P-GRN": "4599", "CBL-USBC-1M": "149",
       "TEE-COT-M": "299", "CAP-BSB-01": "199", "JWL-NCK-01": "159", "FIT-BAND-5": "249"}
_AE = {"MUG-350-BLU": "12.80", "PB-10K": "15.50", "CBL-USBC-1M": "2.10", "JWL-NCK-01": "3.20",
       "SUN-POL-01": "4.90", "COS-LIP-01": "3.50", "HOOD-COT-L": "19.90", "BLD-MINI": "13.40"}
_n = 0
for store, prices, currency, fba in (("Amazon US", _US, "USD", True), ("Amazon DE", _DE, "EUR", True),
                                     ("Shopee PH", _PH, "PHP", False),
                                     ("AliExpress", _AE, "USD", False)):
    for sku, price in prices.items():
        _n += 1
        platform = store.split()[0].lower()
        if store.startswith("Amazon"):
            msku = sku + ("-FBA" if fba and _n % 3 == 0 else "")
            external = "B0" + f"{_n:08d}"
            fulfilment = "fba" if fba and _n % 2 == 0 else "merchant"
        elif platform == "shopee":
            msku, external, fulfilment = sku, f"2403{_n:07d}", "merchant"
        else:
            msku, external, fulfilment = sku, f"100500{_n:010d}", "overseas-3pl" if _n % 4 == 0 else "merchant"
        status = "inactive" if _n % 11 == 0 else "active"
        LISTINGS.append((sku, platform, store, msku, external, price, currency, 5 + (_n * 7) % 40,
                         status, fulfilment))
