DEVICE_KINDS = ("greenhouse", "cold-store", "office", "server-room")


def to_si(readings):
    converted = []
    for r in readings:
        record = dict(r)
        record["temp_c"] = record.pop("temp_raw") / 20.0
        record["humidity"] = record.pop("hum_raw") / 10.0
        converted.append(record)
    return converted
