"""German date formats (the names are explained in ``tribe.locale.en.formats``)."""

DATE_FORMAT = "j. F Y"  # 9. März 2026
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"  # 09.03.2026, 14:30
DATETIME_FORMAT = "D, d.m.Y, H:i"  # Mo, 09.03.2026, 14:30
TIME_FORMAT = "H:i"  # 14:30
MONTH_DAY_FORMAT = "j. F"  # 9. März
LONG_DATE_FORMAT = "l, j. F Y"  # Montag, 9. März 2026
LONG_DATETIME_FORMAT = "l, j. F Y, H:i"  # Montag, 9. März 2026, 14:30
DAY_TIME_FORMAT = "D, d.m., H:i"  # Mo, 09.03., 14:30
PADDED_DATE_FORMAT = "d.m.Y"  # 09.03.2026
PADDED_MONTH_DAY_FORMAT = "d.m."  # 09.03.
PADDED_FULL_MONTH_DAY_FORMAT = "j. F"  # 9. März
PADDED_DAY_TIME_FORMAT = "D, d.m., H:i"  # Mo, 09.03., 14:30
PADDED_SLOT_FORMAT = "D, d.m., H:i"  # Mo, 09.03., 14:30
PADDED_LONG_DATE_FORMAT = "l, j. F Y"  # Montag, 9. März 2026
PADDED_LONG_DATETIME_FORMAT = "l, j. F Y, H:i"  # Montag, 9. März 2026, 14:30
PADDED_LONG_DAY_FORMAT = "l, j. F"  # Montag, 9. März
PADDED_LONG_DAY_TIME_FORMAT = "l, j. F, H:i"  # Montag, 9. März, 14:30
