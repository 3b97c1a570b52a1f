"""Pick list for the warehouse: nothing to print when no order is open."""


def open_orders(orders):
    return [o for o in orders if o["status"] == "open"]


def print_pick_list(orders):
    pending = open_orders(orders)
    if not pending:
        print("nothing to pick")
        return
    for order in pending:
        print(order["id"], order["bin"])
