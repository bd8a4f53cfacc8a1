"""Valid Solicitud del uso values for each user type, as the form gives them (raw text)."""

from __future__ import annotations

from typing import Any

PASSWORD = "Registro2026ok"

PERSONAL: dict[str, Any] = {
    "documento": {"type": "cedula", "number": "1710034065"},
    "nombre_usuario": "Pedro José Calderón Ríos",
    "contrasena": PASSWORD,
    "contrasena__confirm": PASSWORD,
    "pregunta_clave1": "mes_matrimonio",
    "respuesta_clave1": "Junio",
    "pregunta_clave2": "primera_mascota",
    "respuesta_clave2": "Firulais",
    "pregunta_clave3": "ciudad_preferida",
    "respuesta_clave3": "Cuenca",
    "provincia": "17",
    "ciudad": "1701",
    "direccion": "Av. 10 de Agosto N25-30 y Colón",
    "telefono1": "02 234 5678",
    "telefono2": "",
    "celular": "099 123 4567",
    "operadora_celular": "claro",
    "fax": "",
    "recibir_sms": "recibir",
    "senae_correo": "",
}

COMPANY_BLOCK: dict[str, dict[str, Any]] = {
    "representante": {
        "ruc_empresa": "1790016910001",
        "razon_social": "TRANSPORTES ANDES DEL SUR S.A.",
        "direccion_empresa": "Av. Maldonado S12-45, Quito",
        "telefono_empresa": "02 265 4321",
        "posicion": "representantes",
        "tipos_oce": [
            {"codigo": "21907755", "tipo": "transportista_terrestre", "inicio": "3/2020", "fin": ""}
        ],
        "certificado_id": "SD-2026-000123",
    },
    "empleado": {
        "ruc_empresa": "1792060346001",
        "razon_social": "AGENCIA ADUANERA ANDINA S.A.",
        "posicion": "AUXILIAR DE ADUANA",
        "tipos_oce": [
            {"codigo": "03907058", "tipo": "agente_aduana", "inicio": "9/2002", "fin": ""}
        ],
        "certificado_id": "SD-2026-000456",
    },
    "general": {},
    "representante_entidad": {
        "ruc_entidad": "1760001550001",
        "nombre_entidad": "AGENCIA NACIONAL DE CONTROL FITOSANITARIO",
        "direccion_entidad": "Av. Eloy Alfaro N30-350, Quito",
        "telefono_entidad": "02 382 8860",
        "posicion": "DIRECTORA",
        "certificado_id": "BCE-2026-000789",
    },
    "entidad": {
        "nombre_organizacion": "ORGANIZACIÓN PANAMERICANA DE COMERCIO",
        "pais_sede": "Panamá",
        "direccion_organizacion": "Av. Balboa 100, Ciudad de Panamá",
        "telefono_organizacion": "+507 264 1234",
        "posicion": "ENLACE",
        "certificado_id": "ANF-2026-000321",
    },
}


def values_for(kind: str, username: str = "nuevo.usuario", **changes: Any) -> dict[str, Any]:
    email = f"{username.replace('.', '')}@correo.example"
    values = {
        **PERSONAL,
        **COMPANY_BLOCK[kind],
        "id_usuario": username,
        "correo": email,
        "correo_confirmacion": email,
    }
    if kind == "entidad":
        values["documento"] = {"type": "pasaporte", "number": "PA1234567"}
    values.update(changes)
    return values
