"""A small ORM: fields and managers attach themselves to the model class they are declared on."""


class Options:
    def __init__(self, table):
        self.table = table
        self.fields = []
        self.managers = []

    def add_field(self, f):
        self.fields.append(f)


class Field:
    def __init__(self, column=None, nullable=False):
        self.column = column
        self.nullable = nullable
        self.model = None
        self.name = None

    def contribute_to_class(self, model, name):
        # `model` is the class being built: it keeps the field, the field keeps the class.
        # Classes live as long as their module, so this pair is never garbage.
        self.name = name
        self.column = self.column or name
        self.model = model
        model._meta.add_field(self)
        setattr(model, name, self)


class Manager:
    def __init__(self):
        self.model = None

    def contribute_to_class(self, model, name):
        self.model = model
        model._meta.managers.append(self)
        setattr(model, name, self)


class Validator:
    def __set_name__(self, owner, name):
        self.owner = owner
        self.attr = "_" + name
        owner.validators = getattr(owner, "validators", []) + [self]

    def __get__(self, instance, owner):
        if instance is None:
            self.last_owner = owner
            owner.last_validator = self
            return self
        return getattr(instance, self.attr)


def register(model_cls, table):
    model_cls._meta = Options(table)
    model_cls._meta.model = model_cls
    return model_cls


class QuerySet:
    def __init__(self, manager):
        self.manager = manager  # expect: PSL301 "manager.last_query = QuerySet(manager)"
        self.filters = []


def query(manager):
    manager.last_query = QuerySet(manager)
    return manager.last_query


class Classroom:
    def __init__(self, subject):
        self.subject = subject
        self.students = []


class Student:
    def enroll(self, school_class: Classroom):
        school_class.students.append(self)
        self.school_class = school_class  # expect: PSL301 "school_class.students.append(self)"
