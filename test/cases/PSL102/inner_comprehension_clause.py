"""Warehouse audit: per-warehouse SKU lists read by the inner loop of a comprehension."""


def skus_in(warehouse):  # expect: PSL102
    return [slot.sku for slot in warehouse.slots if slot.sku]


def bins_in(warehouse):
    return [slot.bin for slot in warehouse.slots]


def audit(warehouses, catalog):
    # `skus_in(w)` runs anew for every warehouse, and each result is read once.
    missing = [sku for w in warehouses for sku in skus_in(w) if sku not in catalog]
    return sorted(missing)


def bin_matrix(warehouses, main):
    # One result, read again for every warehouse: it has to stay a list.
    main_bins = bins_in(main)
    return [(w.name, b) for w in warehouses for b in main_bins]
